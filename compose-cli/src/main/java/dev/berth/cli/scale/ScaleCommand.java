package dev.berth.cli.scale;

import dev.berth.cli.error.ExitCodes;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.cli.error.UserException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth scale SERVICE=N...}: sets replica counts of services (without their dependencies). */
@Command(name = "scale", mixinStandardHelpOptions = true, description = "Scale services.")
public final class ScaleCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Parameters(paramLabel = "SERVICE=REPLICAS", arity = "1..*")
    List<String> entries = List.of();

    @Override
    public Integer call() {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        for (String e : entries) {
            String[] parts = e.split("=", 2);
            try {
                replicas.put(parts[0], Integer.parseInt(parts[1]));
            } catch (RuntimeException ex) {
                throw new UserException("berth: bad scale " + e + "; use SERVICE=REPLICAS", ExitCodes.USAGE_ERROR);
            }
        }
        Session session = new Session(root, spec.commandLine());
        return session.report(session.engine().scale(session.project(replicas.keySet()), replicas,
                session.dryRun(), session.progress()));
    }
}
