package dev.berth.cli.build;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.error.UserException;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.engine.compose.BuildOverrides;
import dev.berth.engine.compose.BuildRequest;
import dev.berth.engine.compose.Outcome;
import dev.berth.engine.event.EngineEvent;
import dev.berth.model.load.LoadedProject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth build [SERVICE...]}: builds the images of the services that have a {@code build:} section, each
 * image once, independent ones in parallel; with {@code --push} pushes each built image that has an {@code image:}
 * name once it is built. Progress on stderr, and with {@code -q} only the image ids on stdout.
 */
@Command(name = "build", mixinStandardHelpOptions = true, description = "Build or rebuild services.")
public final class BuildCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--no-cache", description = "Do not use cache when building the image")
    boolean noCache;

    @Option(names = "--pull", description = "Always attempt to pull a newer version of the image")
    boolean pull;

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "Set build-time variables (repeatable)")
    List<String> buildArgs = List.of();

    @Option(names = {"-q", "--quiet"}, description = "Don't print anything to STDOUT but the image ids")
    boolean quiet;

    @Option(names = "--with-dependencies", description = "Also build dependencies (transitively)")
    boolean withDependencies;

    @Option(names = "--push", description = "Push service images")
    boolean push;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        LoadedProject loaded = session.project(Set.copyOf(services));
        BuildOverrides overrides = new BuildOverrides(noCache, pull, args());
        Consumer<EngineEvent> progress = quiet ? ids(session) : session.progress();
        Outcome outcome = session.engine().build(loaded, new BuildRequest(Set.copyOf(services), withDependencies,
                overrides, push, session.dryRun()), progress);
        if (outcome.plan().isEmpty() && !session.dryRun()) {
            session.err().println("no service to build: none of "
                    + (services.isEmpty() ? "the services" : String.join(", ", services)) + " has a build: section");
            session.err().flush();
        }
        return session.report(outcome);
    }

    /** {@code -q}: the built image ids on stdout, failures on stderr, nothing else. */
    private static Consumer<EngineEvent> ids(Session session) {
        return event -> {
            if (event instanceof EngineEvent.BuildProgress b && b.event().kind() == dev.berth.runtime.BuildEvent.Kind.IMAGE) {
                session.out().println(b.event().text());
                session.out().flush();
            } else if (event instanceof EngineEvent.StepFailed f) {
                session.err().println(f.step().operation().target() + " failed: " + f.message());
                session.err().flush();
            }
        };
    }

    private Map<String, String> args() {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : buildArgs) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                String value = root.invocation().getenv(arg);
                if (eq == 0 || value == null) {
                    throw new UserException("berth: --build-arg " + arg + ": write NAME=VALUE (or NAME to take the"
                            + " value from the environment, where " + arg + " is not set)", ExitCodes.USAGE_ERROR);
                }
                args.put(arg, value);
            } else {
                args.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        return args;
    }
}
