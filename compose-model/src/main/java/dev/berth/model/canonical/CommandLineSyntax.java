package dev.berth.model.canonical;

import dev.berth.model.project.JsonTrees;
import dev.berth.model.project.PortConfig;
import dev.berth.model.project.ProjectBinder;
import dev.berth.model.project.ServiceVolume;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;

import java.nio.file.Path;
import java.util.List;

/**
 * The short syntaxes of the compose file for values given on the command line ({@code run -p}, {@code run -v}),
 * read exactly as the loader reads them in a file and returned in canonical (long) form. A malformed value is an
 * {@link IllegalArgumentException} whose message says what is wrong.
 */
public final class CommandLineSyntax {

    private CommandLineSyntax() {
    }

    /** {@code [[IP:](HOST|RANGE):]CONTAINER[-RANGE][/PROTOCOL]}: one entry per container port. */
    public static List<PortConfig> ports(String spec) {
        return PortSyntax.parse(spec, Location.UNKNOWN).stream()
                .map(node -> ProjectBinder.MAPPER.convertValue(JsonTrees.of(node), PortConfig.class)).toList();
    }

    /**
     * {@code [SOURCE:]TARGET[:MODE]}; a relative bind source is resolved against {@code projectDir} and a leading
     * {@code ~} against the user's home, as in a compose file.
     */
    public static ServiceVolume volume(String spec, Path projectDir) {
        MapNode node = VolumeSyntax.parse(spec, Location.UNKNOWN);
        ServiceVolume v = ProjectBinder.MAPPER.convertValue(JsonTrees.of(node), ServiceVolume.class);
        if (!"bind".equals(v.type()) || v.source() == null) {
            return v;
        }
        return new ServiceVolume(v.type(), hostPath(v.source(), projectDir), v.target(), v.readOnly(), v.consistency(),
                v.bind(), v.volume(), v.tmpfs(), v.image());
    }

    private static String hostPath(String source, Path projectDir) {
        if (source.equals("~") || source.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(source.length() <= 2 ? "" : source.substring(2))
                    .normalize().toString();
        }
        return projectDir.resolve(source).normalize().toString();
    }
}
