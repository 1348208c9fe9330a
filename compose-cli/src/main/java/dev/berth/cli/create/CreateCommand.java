package dev.berth.cli.create;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.error.UserException;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.engine.compose.UpRequest;
import dev.berth.engine.plan.BuildPolicy;
import dev.berth.engine.plan.PlanOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth create}: {@code up --no-start}; images are built when missing, always with {@code --build}, never with {@code --no-build}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Creates containers for a service.")
public final class CreateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--force-recreate", description = "Recreate containers even if their configuration hasn't changed")
    boolean forceRecreate;

    @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them")
    boolean noRecreate;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Option(names = "--scale", paramLabel = "SERVICE=NUM", description = "Scale SERVICE to NUM instances")
    Map<String, Integer> scale = new LinkedHashMap<>();

    @Option(names = "--build", description = "Build images before starting containers")
    boolean build;

    @Option(names = "--no-build", description = "Don't build an image, even if it's missing")
    boolean noBuild;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() throws InterruptedException {
        if (build && noBuild) {
            throw new UserException("berth create: --build and --no-build are incompatible", ExitCodes.USAGE_ERROR);
        }
        Session session = new Session(root, spec.commandLine());
        PlanOptions plan = PlanOptions.defaults().withServices(Set.copyOf(services)).withNoStart(true)
                .withForceRecreate(forceRecreate).withNoRecreate(noRecreate).withRemoveOrphans(removeOrphans)
                .withBuild(build ? BuildPolicy.ALWAYS : noBuild ? BuildPolicy.NEVER : BuildPolicy.MISSING);
        return session.report(session.engine().up(session.project(Set.copyOf(services)),
                UpRequest.of(plan).withDryRun(session.dryRun()).withScale(scale), session.progress()));
    }
}
