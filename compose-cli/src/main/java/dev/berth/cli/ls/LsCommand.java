package dev.berth.cli.ls;

import dev.berth.cli.error.ExitCodes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.cli.support.Table;
import dev.berth.cli.error.UserException;
import dev.berth.engine.compose.ProjectSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth ls}: the projects found by their labels. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List running compose projects.")
public final class LsCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-a", "--all"}, description = "Show all stopped Compose projects")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display project names")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json")
    String format;

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        List<ProjectSummary> projects = session.engine().ls(all);
        StringBuilder out = new StringBuilder();
        if (quiet) {
            projects.forEach(p -> out.append(p.name()).append('\n'));
        } else if (format.equals("json")) {
            ArrayNode array = MAPPER.createArrayNode();
            projects.forEach(p -> array.addObject().put("Name", p.name()).put("Status", p.status())
                    .put("ConfigFiles", p.configFiles()));
            out.append(array).append('\n');
        } else if (format.equals("table")) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "STATUS", "CONFIG FILES"});
            projects.forEach(p -> rows.add(new String[] {p.name(), p.status(), p.configFiles()}));
            out.append(Table.render(rows));
        } else {
            throw new UserException("berth: unknown --format " + format + "; use table or json",
                    ExitCodes.USAGE_ERROR);
        }
        session.out().print(out);
        session.out().flush();
        return 0;
    }
}
