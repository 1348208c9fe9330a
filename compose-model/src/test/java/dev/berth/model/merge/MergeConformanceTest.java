package dev.berth.model.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.testing.ConformanceCorpus;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The compose-go merge cases of the conformance corpus ({@code merge/cgm-*}, README section 4): the files of
 * {@code expect.json} merged in order must equal {@code expected.yaml} as decoded mappings (key order ignored,
 * sequence order significant).
 */
class MergeConformanceTest {

    /** Cases we knowingly do not reproduce, with the reason. Empty: every case passes. */
    private static final Map<String, String> DIVERGENCES = Map.of();

    @Test
    void mergesLikeComposeGo() throws IOException {
        Path corpus = ConformanceCorpus.root().orElse(null);
        Assumptions.assumeTrue(corpus != null, "conformance corpus not found");
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(corpus.resolve("merge"))) {
            cases = dirs.filter(d -> d.getFileName().toString().startsWith("cgm-")).sorted().toList();
        }
        assertTrue(cases.size() > 0, "no cgm- cases");
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int diverging = 0;
        for (Path dir : cases) {
            String id = dir.getFileName().toString();
            JsonNode expect = json.readTree(dir.resolve("expect.json").toFile());
            List<MapNode> files = new ArrayList<>();
            for (JsonNode f : expect.get("files")) {
                files.add(read(dir.resolve(f.asText())));
            }
            MapNode expected = read(dir.resolve(expect.get("expected_yaml").asText("expected.yaml")));
            Object actual;
            try {
                actual = TestTrees.plain(ComposeMerger.mergeAll(files));
            } catch (RuntimeException e) {
                actual = "exception: " + e.getMessage();
            }
            boolean same = TestTrees.plain(expected).equals(actual);
            if (DIVERGENCES.containsKey(id)) {
                diverging++;
                assertTrue(!same, id + " is listed as a divergence but now passes: remove it from the list");
            } else if (same) {
                passed++;
            } else {
                failures.add(id + "\n  expected " + TestTrees.plain(expected) + "\n  actual   " + actual);
            }
        }
        System.out.printf("merge conformance: %d/%d cgm cases agree (%d documented divergences)%n", passed,
                cases.size(), diverging);
        assertEquals(List.of(), failures);
    }

    /** Every readable file of the corpus merges onto itself and alone without an unexpected exception. */
    @Test
    void everyCorpusFileMerges() throws IOException {
        Path corpus = ConformanceCorpus.root().orElse(null);
        Assumptions.assumeTrue(corpus != null, "conformance corpus not found");
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int files = 0;
        for (String section : List.of("cases", "merge")) {
            List<Path> dirs;
            try (Stream<Path> list = Files.list(corpus.resolve(section))) {
                dirs = list.sorted().toList();
            }
            for (Path dir : dirs) {
                JsonNode expect = json.readTree(dir.resolve("expect.json").toFile());
                if (!expect.path("yaml_error").isNull() && !expect.path("yaml_error").isMissingNode()) {
                    continue;
                }
                for (JsonNode f : expect.get("files")) {
                    MapNode tree;
                    try {
                        if (!(YamlReader.read(f.asText(), Files.readString(dir.resolve(f.asText())))
                                instanceof MapNode m)) {
                            continue;
                        }
                        tree = m;
                    } catch (dev.berth.model.problem.ComposeException e) {
                        continue;
                    }
                    files++;
                    try {
                        MapNode single = ComposeMerger.mergeAll(List.of(tree));
                        ComposeMerger.merge(single, tree);
                    } catch (RuntimeException e) {
                        failures.add(dir.getFileName() + "/" + f.asText() + ": " + e);
                    }
                }
            }
        }
        assertTrue(files > 100, "too few corpus files read: " + files);
        assertEquals(List.of(), failures);
    }

    private static MapNode read(Path file) throws IOException {
        return (MapNode) YamlReader.read(file.getFileName().toString(), Files.readString(file));
    }
}
