package dev.berth.cli.image;

import dev.berth.cli.support.Session;
import dev.berth.runtime.ImageRef;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth image save -o FILE IMAGE...}: images to a {@code docker save} archive any runtime can load. */
@Command(name = "save", mixinStandardHelpOptions = true, description = "Save images to a docker save archive.")
public final class ImageSaveCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    ImageCommand image;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Archive to write")
    Path output;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Images to save")
    List<String> images;

    @Override
    public Integer call() {
        Session session = new Session(image.root, spec.commandLine());
        session.runtime().saveImages(images.stream().map(ImageRef::of).toList(), image.root.invocation().resolve(output));
        return 0;
    }
}
