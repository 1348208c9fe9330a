package dev.berth.model.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.canonical.CanonicalContext;
import dev.berth.model.canonical.Canonicalizer;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problems;
import dev.berth.model.project.Project;
import dev.berth.model.project.ProjectBinder;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.yaml.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every single-file corpus case that loads and needs no interpolation goes through canonical form, binding and
 * output, and the output loads back to the same output.
 */
class CorpusRoundTripTest {

    static Optional<Path> corpus() {
        Path module = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(module.getParent().getParent().resolve("shared/conformance"),
                module.getParent().resolve("../shared/conformance").normalize())) {
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Test
    void corpusProjectsRoundTrip() throws IOException {
        Optional<Path> corpus = corpus();
        Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus not found");
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        List<Path> dirs;
        try (Stream<Path> s = Files.list(corpus.get().resolve("cases"))) {
            dirs = s.sorted().toList();
        }
        for (Path dir : dirs) {
            JsonNode expect = json.readTree(dir.resolve("expect.json").toFile());
            if ("error".equals(expect.path("expect_load").asText()) || !expect.path("schema_valid").asBoolean()
                    || expect.path("files").size() != 1) {
                continue;
            }
            String text = Files.readString(dir.resolve(expect.path("files").get(0).asText()));
            if (text.contains("$") || text.contains("include:") || text.contains("extends:")) {
                continue;
            }
            checked++;
            try {
                Node raw = YamlReader.read("compose.yaml", text);
                if (!(raw instanceof MapNode map) || !map.has("services")) {
                    continue;
                }
                String first = ProjectWriter.yaml(load(map, dir));
                String second = ProjectWriter.yaml(load((MapNode) YamlReader.read("out.yaml", first), dir));
                if (!first.equals(second)) {
                    failures.add(dir.getFileName() + ": output differs after a round trip:\n" + first + "\n---\n" + second);
                }
            } catch (ComposeException | IllegalArgumentException e) {
                failures.add(dir.getFileName() + ": " + e.getMessage());
            }
        }
        assertTrue(checked > 100, "only " + checked + " cases checked");
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }

    private static Project load(MapNode raw, Path dir) {
        Problems problems = new Problems(p -> { });
        MapNode canonical = Canonicalizer.canonicalize(raw,
                new CanonicalContext("corpus", dir, k -> Optional.empty(), (file, format, lookup) -> Map.of(),
                        Path.of("/home/u"), true, true), problems);
        problems.throwIfErrors();
        return ProjectBinder.bind(canonical, dir);
    }
}
