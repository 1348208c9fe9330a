package dev.berth.cli.top;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.error.UserException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth top}: the runtime interface cannot list a container's processes yet, so this says so (exit 1). */
@Command(name = "top", mixinStandardHelpOptions = true, description = "Display the running processes (not supported by the runtime interface yet).")
public final class TopCommand implements Callable<Integer> {

    @ParentCommand
    BerthCommand root;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        throw new UserException("berth: top is not supported: the runtime interface has no process listing yet; "
                + "use 'berth exec SERVICE ps' instead");
    }
}
