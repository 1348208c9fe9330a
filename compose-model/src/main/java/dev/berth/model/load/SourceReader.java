package dev.berth.model.load;

import dev.berth.model.discovery.ComposeSource;
import dev.berth.model.merge.ComposeMerger;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads one compose file (or stdin) into a single mapping: every document of a multi-document file is
 * merged in order, as Compose does, and a document that is not a mapping is an error.
 */
final class SourceReader {

    private final Supplier<InputStream> stdin;

    SourceReader(Supplier<InputStream> stdin) {
        this.stdin = stdin;
    }

    MapNode read(ComposeSource source) {
        return parse(source.displayName(), text(source));
    }

    MapNode read(Path file) {
        return parse(file.toString(), text(new ComposeSource(file.toString(), file)));
    }

    private static MapNode parse(String name, String text) {
        List<MapNode> documents = new ArrayList<>();
        for (Node doc : YamlReader.readAll(name, text)) {
            if (doc instanceof MapNode map) {
                documents.add(map);
            } else if (!(doc instanceof dev.berth.model.tree.ScalarNode s && s.isNull())) {
                throw new ComposeException(Problem.error(doc.location(), "", doc.describe(),
                        "top-level object must be a mapping", "Compose file structure",
                        "start the file with top-level keys such as `services:`"));
            }
        }
        if (documents.isEmpty()) {
            return new MapNode(java.util.Map.of(), java.util.Map.of(), new Location(name, 1, 1), dev.berth.model.tree.Tag.NONE);
        }
        return documents.size() == 1 ? documents.get(0) : ComposeMerger.mergeAll(documents);
    }

    private String text(ComposeSource source) {
        try {
            if (source.isStdin()) {
                try (InputStream in = stdin.get()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(source.path(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ComposeException(Problem.error(new Location(source.displayName(), 0, 0), "", "",
                    "file not found", "compose files", "check the path given with -f or COMPOSE_FILE"));
        } catch (IOException e) {
            throw new ComposeException(Problem.error(new Location(source.displayName(), 0, 0), "", "",
                    "cannot read the file: " + e.getMessage(), "compose files", "check that the file is readable"));
        } catch (UncheckedIOException e) {
            throw new ComposeException(Problem.error(new Location(source.displayName(), 0, 0), "", "",
                    "cannot read the file: " + e.getCause().getMessage(), "compose files", "check that the file is readable"));
        }
    }
}
