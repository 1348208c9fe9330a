package dev.berth.cli.image;

import dev.berth.cli.support.Session;
import dev.berth.runtime.ImageRef;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth image load -i FILE}: images from a {@code docker save} (or OCI layout) archive. */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Load images from a docker save or OCI archive.")
public final class ImageLoadCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    ImageCommand image;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true, description = "Archive to read")
    Path input;

    @Override
    public Integer call() {
        Session session = new Session(image.root, spec.commandLine());
        for (ImageRef loaded : session.runtime().loadImages(image.root.invocation().resolve(input))) {
            session.out().println("Loaded image: " + loaded.value());
        }
        session.out().flush();
        return 0;
    }
}
