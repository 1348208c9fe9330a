package dev.berth.cli.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.support.Session;
import dev.berth.cli.support.Table;
import dev.berth.engine.compose.ContainerImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth images}: the images the project's containers use. */
@Command(name = "images", mixinStandardHelpOptions = true, description = "List images used by the created containers.")
public final class ImagesCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    boolean quiet;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json")
    String format;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services (default: all)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        Session session = new Session(root, spec.commandLine());
        List<ContainerImage> images = session.engine().images(session.projectName(), Set.copyOf(services));
        StringBuilder out = new StringBuilder();
        if (quiet) {
            images.stream().map(ContainerImage::id).distinct().forEach(id -> out.append(id).append('\n'));
        } else if (format.equals("json")) {
            ArrayNode array = MAPPER.createArrayNode();
            images.forEach(i -> array.addObject().put("ContainerName", i.container()).put("Service", i.service())
                    .put("Repository", i.image()).put("ID", i.id()).put("Size", i.size()));
            out.append(array).append('\n');
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"CONTAINER", "IMAGE", "IMAGE ID", "SIZE"});
            images.forEach(i -> rows.add(new String[] {i.container(), i.image(), shortId(i.id()),
                    Long.toString(i.size())}));
            out.append(Table.render(rows));
        }
        session.out().print(out);
        session.out().flush();
        return 0;
    }

    private static String shortId(String id) {
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }
}
