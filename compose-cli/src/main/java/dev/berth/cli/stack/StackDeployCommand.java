package dev.berth.cli.stack;

import dev.berth.cli.invocation.Invocation;
import dev.berth.model.load.LoadOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.load.ProjectLoader;
import dev.berth.swarm.StackNamespace;
import dev.berth.swarm.convert.StackConverter;
import dev.berth.swarm.convert.StackSpec;
import dev.berth.swarm.deploy.DeployOptions;
import dev.berth.swarm.deploy.StackDeployer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code berth stack deploy -c FILE... NAME}: loads the compose files (or the root's {@code -f}, {@code --env-file},
 * {@code --profile}) with NAME as the project name, converts them and converges the swarm.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, description = "Deploy a new stack or update an existing one.")
public final class StackDeployCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    StackCommand stack;

    @Option(names = {"-c", "--compose-file"}, paramLabel = "FILE", description = "Compose files (repeatable; default: the root's -f or the usual discovery)")
    List<String> composeFiles = new ArrayList<>();

    @Option(names = "--prune", description = "Remove services the files no longer define")
    boolean prune;

    @Option(names = "--with-registry-auth", description = "Send registry credentials from config.json to the swarm")
    boolean withRegistryAuth;

    @Parameters(index = "0", paramLabel = "NAME", description = "Stack name")
    String name;

    @Override
    public Integer call() {
        Invocation caller = stack.root.invocation();
        Map<String, String> env = caller.env();
        StackNamespace namespace = new StackNamespace(name);
        var err = spec.commandLine().getErr();
        LoadOptions options = stack.root.projectOptions().toLoadOptions(caller)
                .withProjectName(Optional.of(name))
                .withWarnings(problem -> err.println("warning: " + problem.render()));
        if (!composeFiles.isEmpty()) {
            options = options.withFiles(composeFiles);
        }
        LoadedProject loaded = ProjectLoader.load(options);
        StackSpec converted = StackConverter.convert(loaded.project(), namespace, loaded.environment()::get);
        DeployOptions deploy = new DeployOptions(prune, withRegistryAuth, dockerConfigDir(caller), env);
        StackEventPrinter printer = new StackEventPrinter(spec.commandLine().getOut(), err);
        StackSession.withManager(stack, connection -> {
            new StackDeployer(connection, printer).deploy(converted, deploy);
            return null;
        });
        return 0;
    }

    private static Path dockerConfigDir(Invocation caller) {
        String configured = caller.getenv("DOCKER_CONFIG");
        return configured != null && !configured.isBlank() ? caller.resolve(configured)
                : Path.of(System.getProperty("user.home"), ".docker");
    }
}
