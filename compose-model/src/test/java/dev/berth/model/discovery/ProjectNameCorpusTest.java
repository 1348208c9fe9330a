package dev.berth.model.discovery;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.testing.ConformanceCorpus;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus's CLI project-name cases (category compose-go-project-name): the name comes from
 * COMPOSE_PROJECT_NAME in the case's env, then the top-level name, then the case directory.
 */
class ProjectNameCorpusTest {

    @TestFactory
    Stream<DynamicTest> cliProjectNameCasesMatch() throws IOException {
        Optional<Path> corpus = ConformanceCorpus.root();
        Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus not found");
        ObjectMapper json = new ObjectMapper();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus.get().resolve("cases"))) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                Path expectFile = dir.resolve("expect.json");
                if (!Files.isRegularFile(expectFile)) {
                    continue;
                }
                JsonNode expect = json.readTree(expectFile.toFile());
                if (!"compose-go-project-name".equals(expect.path("category").asText())) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir, expect)));
            }
        }
        assertTrue(tests.size() >= 3, "expected project-name cases, found " + tests.size());
        return tests.stream();
    }

    private static void check(Path dir, JsonNode expect) throws IOException {
        Optional<String> envName = Optional.ofNullable(expect.get("env").get("COMPOSE_PROJECT_NAME"))
                .map(JsonNode::asText);
        MapNode root = (MapNode) YamlReader.read("compose.yaml", Files.readString(dir.resolve("compose.yaml")));
        Optional<String> topLevel = root.text("name");
        if ("error".equals(expect.get("expect_load").asText())) {
            ComposeException e = assertThrows(ComposeException.class,
                    () -> ProjectNames.resolve(Optional.empty(), envName, topLevel, dir));
            String expected = expect.get("expected_error").asText();
            assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
        } else {
            String name = ProjectNames.resolve(Optional.empty(), envName, topLevel, dir);
            assertTrue(ProjectNames.isValid(name), name);
            envName.ifPresent(n -> assertTrue(n.equals(name), name));
        }
    }
}
