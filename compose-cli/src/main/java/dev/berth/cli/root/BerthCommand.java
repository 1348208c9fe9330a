package dev.berth.cli.root;

import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.invocation.StandardStreams;
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

    private Invocation invocation;

    /** The engine flags ({@code --dry-run}, {@code --parallel}, {@code --runtime}, {@code --progress}, {@code --ansi}). */
    public EngineOptions engineOptions() {
        return engine;
    }

    /** The project flags, wherever on the command line they were given. */
    public ProjectOptions projectOptions() {
        return project;
    }

    /** The caller's environment, working directory, streams and terminal; this process's unless told otherwise. */
    public Invocation invocation() {
        if (invocation == null) {
            invocation = Invocation.ofProcess();
        }
        return invocation;
    }

    /** Runs this command line for {@code caller} instead of for this process. */
    public void use(Invocation caller) {
        this.invocation = caller;
    }

    /** The invocation of the command line {@code spec} belongs to, for commands deeper in the tree. */
    public static Invocation invocation(CommandLine.Model.CommandSpec spec) {
        return ((BerthCommand) spec.root().userObject()).invocation();
    }

    /** The caller's byte streams, for commands that move binary data ({@code cp -}). */
    public StandardStreams streams() {
        return invocation().streams();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
