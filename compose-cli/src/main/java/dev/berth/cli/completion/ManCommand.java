package dev.berth.cli.completion;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.error.UserException;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.VersionProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth man}: writes a man page per command ({@code berth.1}, {@code berth-up.1}, ...) into a directory. */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = {"Write the man pages of berth and each of its commands.",
            "Read one with: man -l berth-up.1 (or install them into /usr/local/share/man/man1)"})
public final class ManCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".", description = "Where to write the pages (default: the working directory)")
    Path dir;

    private final Supplier<CommandLine> tree;

    /** {@code tree} builds the whole command tree to document. */
    public ManCommand(Supplier<CommandLine> tree) {
        this.tree = tree;
    }

    @Override
    public Integer call() {
        try {
            Files.createDirectories(BerthCommand.invocation(spec).resolve(dir));
            write(tree.get());
        } catch (IOException e) {
            throw new UserException("berth: cannot write the man pages to " + dir + ": " + e.getMessage(),
                    ExitCodes.INPUT_ERROR);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void write(CommandLine command) throws IOException {
        Path file = dir.resolve(ManPage.pageName(command.getCommandSpec()) + ".1");
        Files.writeString(BerthCommand.invocation(spec).resolve(file), ManPage.render(command.getCommandSpec(), VersionProvider.version()),
                StandardCharsets.UTF_8);
        spec.commandLine().getOut().println(file);
        for (var e : command.getSubcommands().entrySet()) {
            boolean alias = !e.getKey().equals(e.getValue().getCommandName());
            if (!alias && !e.getValue().getCommandSpec().usageMessage().hidden()) {
                write(e.getValue());
            }
        }
    }
}
