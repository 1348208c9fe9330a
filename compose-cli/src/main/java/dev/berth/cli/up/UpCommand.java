package dev.berth.cli.up;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Durations;
import dev.berth.cli.support.Session;
import dev.berth.cli.error.UserException;
import dev.berth.engine.compose.Outcome;
import dev.berth.engine.compose.UpRequest;
import dev.berth.engine.plan.BuildPolicy;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.model.load.LoadedProject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth up}: create and start the project's containers. Detached ({@code -d}, implied by {@code --wait})
 * it returns after convergence; attached it streams the logs until the containers stop ({@link AttachedSession}).
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Create and start containers.")
public final class UpCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-d", "--detach"}, description = "Run containers in the background")
    boolean detach;

    @Option(names = "--build", description = "Build images before starting containers")
    boolean build;

    @Option(names = "--no-build", description = "Don't build an image, even if it's policy")
    boolean noBuild;

    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running (always, missing, never, daily, weekly, every_<duration>)")
    String pull;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration hasn't changed")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them")
    boolean noRecreate;

    @Option(names = "--always-recreate-deps", description = "Recreate dependent containers")
    boolean alwaysRecreateDeps;

    @Option(names = {"-V", "--renew-anon-volumes"}, description = "Recreate anonymous volumes instead of reusing them")
    boolean renewAnonVolumes;

    @Option(names = "--no-deps", description = "Don't start linked services")
    boolean noDeps;

    @Option(names = "--no-start", description = "Don't start the services after creating them")
    boolean noStart;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances (repeatable)")
    Map<String, Integer> scale = new LinkedHashMap<>();

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds")
    Integer timeout;

    @Option(names = "--wait", description = "Wait for services to be running|healthy (implies -d); one-shots that exit 0 count as done")
    boolean waitReady;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", description = "Maximum duration in seconds to wait")
    Integer waitTimeout;

    @Option(names = "--abort-on-container-exit", description = "Stop all containers if any container was stopped")
    boolean abortOnExit;

    @Option(names = "--abort-on-container-failure", description = "Stop all containers if any container exited with failure")
    boolean abortOnFailure;

    @Option(names = "--exit-code-from", paramLabel = "SERVICE", description = "Return the exit code of the selected service container (implies --abort-on-container-exit)")
    String exitCodeFrom;

    @Option(names = "--attach", paramLabel = "SERVICE", description = "Restrict attaching to the specified services")
    List<String> attach = List.of();

    @Option(names = "--no-attach", paramLabel = "SERVICE", description = "Do not attach (stream logs) to the specified services")
    List<String> noAttach = List.of();

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs")
    boolean noLogPrefix;

    @Option(names = "--timestamps", description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--no-color", description = "Produce monochrome output")
    boolean noColor;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() throws InterruptedException {
        checkFlags();
        boolean detached = detach || waitReady || noStart;
        Session session = new Session(root, spec.commandLine());
        LoadedProject loaded = session.project(Set.copyOf(services));
        PlanOptions plan = PlanOptions.defaults().withServices(Set.copyOf(services))
                .withForceRecreate(forceRecreate).withNoRecreate(noRecreate)
                .withAlwaysRecreateDeps(alwaysRecreateDeps).withRenewAnonVolumes(renewAnonVolumes)
                .withNoDeps(noDeps).withRemoveOrphans(removeOrphans).withNoStart(noStart)
                .withBuild(build ? BuildPolicy.ALWAYS : noBuild ? BuildPolicy.NEVER : BuildPolicy.MISSING);
        if (timeout != null) {
            plan = plan.withTimeout(Duration.ofSeconds(timeout));
        }
        UpRequest request = UpRequest.of(plan).withDryRun(session.dryRun()).withScale(scale);
        if (pull != null) {
            request = request.withPull(pullPolicy());
        }
        if (waitReady) {
            request = request.withWait(Durations.seconds(waitTimeout));
        }
        Outcome outcome = session.engine().up(loaded, request, session.progress());
        int code = session.report(outcome);
        dev.berth.cli.progress.ProgressMode mode = root.engineOptions().progress();
        boolean machineReadable = mode == dev.berth.cli.progress.ProgressMode.JSON
                || mode == dev.berth.cli.progress.ProgressMode.QUIET;
        if (code == 0 && waitReady && !machineReadable && !session.dryRun()) {
            WhereToLook.print(session.engine().ps(loaded.project().name(), Set.copyOf(services), false),
                    rootFlags(), session.err());
        }
        if (code != 0 || detached || session.dryRun()) {
            return code;
        }
        return new AttachedSession(session, loaded.project().name(), attachedServices(loaded),
                abortOnExit || exitCodeFrom != null, abortOnFailure, Optional.ofNullable(exitCodeFrom),
                Durations.seconds(timeout), !noColor && session.colour(), noLogPrefix, timestamps).run();
    }

    private dev.berth.engine.pull.PullPolicy pullPolicy() {
        try {
            return dev.berth.engine.pull.PullPolicy.parse(pull);
        } catch (IllegalArgumentException e) {
            throw new UserException("berth: --pull: " + e.getMessage(), ExitCodes.USAGE_ERROR);
        }
    }

    /** The root flags a person must repeat to reach this project again ({@code -f FILE} when one was given). */
    private String rootFlags() {
        return root.projectOptions().files().isEmpty() ? ""
                : " " + String.join(" ", root.projectOptions().files().stream().map(f -> "-f " + f).toList());
    }

    private void checkFlags() {
        if (exitCodeFrom != null) {
            abortOnExit = true;
        }
        if (detach && (abortOnExit || abortOnFailure)) {
            throw new UserException("berth: -d and --abort-on-container-exit/--abort-on-container-failure are "
                    + "incompatible", ExitCodes.USAGE_ERROR);
        }
        if (abortOnExit && abortOnFailure) {
            throw new UserException("berth: --abort-on-container-exit and --abort-on-container-failure are "
                    + "incompatible", ExitCodes.USAGE_ERROR);
        }
        if (forceRecreate && noRecreate) {
            throw new UserException("berth: --force-recreate and --no-recreate are incompatible",
                    ExitCodes.USAGE_ERROR);
        }
        if (build && noBuild) {
            throw new UserException("berth: --build and --no-build are incompatible", ExitCodes.USAGE_ERROR);
        }
    }

    private Set<String> attachedServices(LoadedProject loaded) {
        Set<String> attached = new java.util.TreeSet<>(attach.isEmpty()
                ? (services.isEmpty() ? loaded.project().services().keySet() : services) : attach);
        attached.removeAll(noAttach);
        return attached;
    }
}
