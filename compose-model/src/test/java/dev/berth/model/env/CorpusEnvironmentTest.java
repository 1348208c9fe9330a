package dev.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.interpolation.Interpolator;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.testing.ConformanceCorpus;
import dev.berth.model.tree.Node;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the environment and interpolation phases over every project of the conformance corpus: each env file
 * parses, each project's {@code .env} resolves, and every file that the reference loads without error
 * interpolates without error.
 */
class CorpusEnvironmentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Path> caseDirs(Path corpus) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String group : List.of("cases", "merge")) {
            try (Stream<Path> list = Files.list(corpus.resolve(group))) {
                list.filter(d -> Files.isRegularFile(d.resolve("expect.json"))).sorted().forEach(dirs::add);
            }
        }
        return dirs;
    }

    @Test
    void everyEnvFileOfTheCorpusParses() throws IOException {
        Optional<Path> corpus = ConformanceCorpus.root();
        Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus not found");
        List<Path> envFiles;
        try (Stream<Path> walk = Files.walk(corpus.get())) {
            envFiles = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".env")).sorted().collect(Collectors.toList());
        }
        assertTrue(envFiles.size() > 20, "expected the corpus's env files, found " + envFiles.size());
        List<String> failures = new ArrayList<>();
        for (Path file : envFiles) {
            try {
                EnvFileParser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8),
                        name -> Optional.empty());
            } catch (ComposeException e) {
                failures.add(e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void filesTheReferenceLoadsInterpolateWithoutErrors() throws IOException {
        Optional<Path> corpus = ConformanceCorpus.root();
        Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus not found");
        List<String> failures = new ArrayList<>();
        int interpolated = 0;
        for (Path dir : caseDirs(corpus.get())) {
            JsonNode expect = JSON.readTree(dir.resolve("expect.json").toFile());
            Map<String, String> osEnv = new LinkedHashMap<>();
            expect.get("env").properties().forEach(e -> osEnv.put(e.getKey(), e.getValue().asText()));
            Environment env = ProjectEnvironment.resolve(osEnv, List.of(), dir, false);
            boolean mustLoad = "ok".equals(expect.path("expect_load").asText());
            for (JsonNode fileName : expect.get("files")) {
                Path file = dir.resolve(fileName.asText());
                Node root;
                try {
                    root = YamlReader.read(fileName.asText(), Files.readString(file, StandardCharsets.UTF_8));
                } catch (ComposeException e) {
                    continue;
                }
                List<Problem> warnings = new ArrayList<>();
                Problems problems = new Problems(warnings::add);
                Interpolator.interpolate(root, env::get, problems);
                interpolated++;
                if (mustLoad && problems.hasErrors()) {
                    failures.add(dir.getFileName() + ": " + problems.errors());
                }
            }
        }
        assertTrue(interpolated > 300, "interpolated only " + interpolated + " files");
        assertEquals(List.of(), failures);
    }
}
