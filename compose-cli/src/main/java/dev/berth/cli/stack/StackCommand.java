package dev.berth.cli.stack;

import dev.berth.cli.root.BerthCommand;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth stack}: stacks on a Docker Swarm, through the manager DOCKER_HOST or the docker context names. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Deploy and manage stacks on Docker Swarm (DOCKER_HOST or the docker context must name a manager).",
        subcommands = {StackDeployCommand.class, StackLsCommand.class, StackPsCommand.class,
                StackServicesCommand.class, StackRmCommand.class})
public final class StackCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-H", "--host"}, paramLabel = "URI",
            description = "Swarm manager to talk to, as docker -H (e.g. unix:///var/run/docker.sock); overrides DOCKER_HOST and the docker context")
    String host;

    /** The manager named by {@code --host}, when given. */
    Optional<String> host() {
        return Optional.ofNullable(host).filter(h -> !h.isBlank());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
