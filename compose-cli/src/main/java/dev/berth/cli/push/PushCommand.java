package dev.berth.cli.push;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.engine.compose.Outcome;
import dev.berth.engine.event.EngineEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth push [SERVICE...]}: pushes the images of services that are built (or named) to their registries. */
@Command(name = "push", mixinStandardHelpOptions = true, description = "Push service images.")
public final class PushCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--ignore-push-failures", description = "Push what it can and ignores images with push failures")
    boolean ignoreFailures;

    @Option(names = {"-q", "--quiet"}, description = "Push without printing progress information")
    boolean quiet;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all with a build section)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        Consumer<EngineEvent> events = quiet ? e -> { } : session.progress();
        Outcome outcome = session.engine().push(session.project(Set.copyOf(services)), Set.copyOf(services),
                session.dryRun(), events);
        int code = session.report(outcome);
        if (code != 0 && quiet) {
            outcome.execution().orElseThrow().failures().forEach(f -> session.err().println("berth: " + f.message()));
            session.err().flush();
        }
        return ignoreFailures ? 0 : code;
    }
}
