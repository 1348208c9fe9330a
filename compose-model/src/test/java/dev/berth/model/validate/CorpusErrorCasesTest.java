package dev.berth.model.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.canonical.CanonicalContext;
import dev.berth.model.canonical.Canonicalizer;
import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The corpus cases whose expected load error is decided by the canonical transform or the consistency check. */
class CorpusErrorCasesTest {

    private static final List<String> CASES = List.of("cg-TestBadServiceConfig", "cg-TestEnvironmentWhitespace",
            "cg-TestInvalidExternalAndDirverOptsCombination", "cg-TestInvalidExternalAndDriverCombination",
            "cg-TestInvalidExternalAndLabelsCombination", "cg-TestLoadBindMountSourceMustNotBeEmpty",
            "cg-TestLoadNetworkInvalidExternalNameAndNameCombination",
            "cg-TestLoadVolumeInvalidExternalNameAndNameCombination",
            "cg-TestServiceDeviceRequestCountAndDeviceIdsExclusive", "cg-testdata-depends-on-cycle",
            "cg-testdata-depends-on-self", "cgf-port-invalid-3", "cgf-volume-invalid-1");

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
    void errorCasesFailWithTheExpectedWording() throws IOException {
        Optional<Path> corpus = corpus();
        Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus not found");
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        for (String id : CASES) {
            Path dir = corpus.get().resolve("cases").resolve(id);
            JsonNode expect = json.readTree(dir.resolve("expect.json").toFile());
            String expected = expect.get("expected_error").asText();
            MapNode raw = (MapNode) YamlReader.read("compose.yaml", Files.readString(dir.resolve("compose.yaml")));
            Problems problems = new Problems(p -> { });
            MapNode canonical = Canonicalizer.canonicalize(raw,
                    CanonicalContext.of("test", dir, k -> Optional.empty()), problems);
            List<Problem> all = new ArrayList<>(problems.errors());
            all.addAll(ConsistencyChecker.check(canonical).stream().filter(Problem::isError).toList());
            String messages = all.stream().map(Problem::message).collect(Collectors.joining(" | "));
            if (!messages.contains(expected)) {
                failures.add(id + ": expected \"" + expected + "\" in: " + messages);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
