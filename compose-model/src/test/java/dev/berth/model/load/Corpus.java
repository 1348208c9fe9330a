package dev.berth.model.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared conformance corpus (located by {@link dev.berth.model.testing.ConformanceCorpus}), case by case. */
final class Corpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() {
    }

    static List<Case> cases(Path root) {
        List<Case> out = new ArrayList<>();
        for (String group : List.of("cases", "merge")) {
            try (Stream<Path> dirs = Files.list(root.resolve(group))) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("expect.json"))).sorted().forEach(d -> out.add(Case.read(d)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** One case folder and the verdicts of its expect.json. */
    record Case(String id, Path dir, List<String> files, Map<String, String> env, String expectLoad,
                String expectedError, List<String> composeGoOptions, boolean schemaValid, String category) {

        static Case read(Path dir) {
            try {
                JsonNode e = JSON.readTree(dir.resolve("expect.json").toFile());
                List<String> files = new ArrayList<>();
                e.path("files").forEach(f -> files.add(f.asText()));
                Map<String, String> env = new LinkedHashMap<>();
                e.path("env").properties().forEach(p -> env.put(p.getKey(), p.getValue().asText()));
                List<String> options = new ArrayList<>();
                e.path("compose_go_options").forEach(o -> options.add(o.asText()));
                return new Case(dir.getFileName().toString(), dir, files, env,
                        e.path("expect_load").isNull() ? null : e.path("expect_load").asText(null),
                        e.path("expected_error").isNull() ? null : e.path("expected_error").asText(null),
                        options, e.path("schema_valid").asBoolean(true), e.path("category").asText(""));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** compose-go's merge tests call only the merge (override.Merge): their verdict is the merge's. */
        boolean mergeOnly() {
            return category.equals("compose-go-merge");
        }

        boolean realWorld() {
            return id.startsWith("ac-") || id.startsWith("rw-") || id.startsWith("dc-");
        }

        /** The load options of this case: its files, its environment only, its folder as working directory. */
        LoadOptions loadOptions() {
            boolean consistency = !composeGoOptions.contains("SkipConsistencyCheck");
            return LoadOptions.defaults(dir, env).withFiles(files)
                    .withPhases(true, true, true, consistency);
        }
    }
}
