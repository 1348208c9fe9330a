package dev.berth.cli.image;

import dev.berth.cli.root.BerthCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth image}: images of the chosen runtime, below the Compose level. */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Manage images of the runtime.",
        subcommands = {ImageLoadCommand.class, ImageSaveCommand.class})
public final class ImageCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
