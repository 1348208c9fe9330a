package dev.berth.cli.root;

import dev.berth.cli.support.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The root command: the flags that come before a subcommand ({@link ProjectOptions}, {@link EngineOptions}).
 * Subcommands reach them through {@code @ParentCommand}; which subcommands exist is {@code CommandTree}'s business.
 */
@Command(name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Define and run multi-container applications from Compose files.")
public final class BerthCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ProjectOptions project;

    @CommandLine.Mixin
    EngineOptions engine;

    private StandardStreams streams = StandardStreams.system();

    /** The engine flags ({@code --dry-run}, {@code --parallel}, {@code --runtime}, {@code --progress}, {@code --ansi}). */
    public EngineOptions engineOptions() {
        return engine;
    }

    /** The project flags, wherever on the command line they were given. */
    public ProjectOptions projectOptions() {
        return project;
    }

    /** The process's byte streams, for commands that move binary data ({@code cp -}). */
    public StandardStreams streams() {
        return streams;
    }

    public void useStreams(StandardStreams streams) {
        this.streams = streams;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
