package dev.berth.cli.pull;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.error.UserException;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.engine.compose.Outcome;
import dev.berth.engine.compose.PullRequest;
import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.pull.PullPolicy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth pull [SERVICE...]}: pulls the services' images, one pull per distinct image. */
@Command(name = "pull", mixinStandardHelpOptions = true, description = "Pull service images.")
public final class PullCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--ignore-pull-failures", description = "Pull what it can and ignores images with pull failures")
    boolean ignoreFailures;

    @Option(names = "--include-deps", description = "Also pull services declared as dependencies")
    boolean includeDeps;

    @Option(names = "--policy", paramLabel = "POLICY", description = "Apply pull policy (\"missing\"|\"always\")")
    String policy;

    @Option(names = {"-q", "--quiet"}, description = "Pull without printing progress information")
    boolean quiet;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Optional<PullPolicy> override = Optional.ofNullable(policy).map(PullCommand::policy);
        Session session = new Session(root, spec.commandLine());
        Consumer<EngineEvent> events = quiet ? PullCommand::nothing : session.progress();
        Outcome outcome = session.engine().pull(session.project(Set.copyOf(services)),
                new PullRequest(Set.copyOf(services), includeDeps, override, session.dryRun()), events);
        int code = session.report(outcome);
        if (code != 0 && quiet) {
            outcome.execution().orElseThrow().failures().forEach(f -> session.err().println("berth: " + f.message()));
            session.err().flush();
        }
        return ignoreFailures ? 0 : code;
    }

    private static PullPolicy policy(String text) {
        try {
            return PullPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserException("berth: --policy: " + e.getMessage(), ExitCodes.USAGE_ERROR);
        }
    }

    private static void nothing(EngineEvent event) {
        // -q: no progress
    }
}
