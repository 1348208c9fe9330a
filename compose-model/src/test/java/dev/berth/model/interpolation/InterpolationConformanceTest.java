package dev.berth.model.interpolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.testing.ConformanceCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of the corpus's interpolation.json (README section 5) must give compose-go's answer exactly. */
class InterpolationConformanceTest {

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesComposeGo() throws IOException {
        Optional<Path> corpus = ConformanceCorpus.root()
                .filter(p -> Files.isRegularFile(p.resolve("interpolation.json")));
        Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus not found");
        JsonNode cases = new ObjectMapper().readTree(corpus.get().resolve("interpolation.json").toFile()).get("cases");
        assertTrue(cases.size() > 0, "no cases");
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (JsonNode c : cases) {
            String template = c.get("template").asText();
            Map<String, String> env = new HashMap<>();
            c.get("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            JsonNode error = c.get("error");
            String name = "#" + index++ + " " + c.get("source_test").asText() + ": " + template;
            if (error == null || error.isNull()) {
                String expected = c.get("expected").asText();
                tests.add(DynamicTest.dynamicTest(name, () ->
                        assertEquals(expected, Template.substitute(template, k -> Optional.ofNullable(env.get(k))))));
            } else {
                String expectedError = error.asText();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    InterpolationException thrown = assertThrows(InterpolationException.class,
                            () -> Template.substitute(template, k -> Optional.ofNullable(env.get(k))));
                    assertTrue(thrown.getMessage().contains(expectedError),
                            () -> "message \"" + thrown.getMessage() + "\" lacks \"" + expectedError + "\"");
                }));
            }
        }
        return tests.stream();
    }
}
