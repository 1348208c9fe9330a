package dev.berth.model.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.canonical.CanonicalContext;
import dev.berth.model.canonical.Canonicalizer;
import dev.berth.model.problem.Problems;
import dev.berth.model.project.PortConfig;
import dev.berth.model.project.Project;
import dev.berth.model.project.ProjectBinder;
import dev.berth.model.project.Service;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.yaml.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * README step 3: the model of each real-world / e2e case without interpolation compared with what Compose v1
 * printed, on the fields both define the same way (image, environment, ports, service networks, build context).
 * v1 keeps unset variables as null where Compose v2 drops them, so null values are not compared.
 */
class CorpusV1ModelTest {

    @Test
    void modelAgreesWithComposeV1() throws IOException {
        Optional<Path> corpus = CorpusRoundTripTest.corpus();
        Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus not found");
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int compared = 0;
        List<Path> dirs;
        try (Stream<Path> s = Files.list(corpus.get().resolve("cases"))) {
            dirs = s.sorted().toList();
        }
        for (Path dir : dirs) {
            JsonNode expect = json.readTree(dir.resolve("expect.json").toFile());
            if (expect.path("v1_config").isNull() || expect.path("files").size() != 1
                    || "error".equals(expect.path("expect_load").asText())) {
                continue;
            }
            String text = Files.readString(dir.resolve(expect.path("files").get(0).asText()));
            if (text.contains("$") || text.contains("env_file") || text.contains("extends")) {
                continue;
            }
            MapNode v1 = (MapNode) YamlReader.read("v1.yaml",
                    Files.readString(dir.resolve("v1-config.yaml")).replace("<CASE_DIR>", dir.toString()));
            Problems problems = new Problems(p -> { });
            MapNode canonical = Canonicalizer.canonicalize((MapNode) YamlReader.read("compose.yaml", text),
                    CanonicalContext.of("corpus", dir, k -> Optional.ofNullable(expect.path("env").get(k))
                            .map(JsonNode::asText)), problems);
            if (problems.hasErrors()) {
                failures.add(dir.getFileName() + ": " + problems.errors());
                continue;
            }
            Project project = ProjectBinder.bind(canonical, dir);
            compared++;
            v1.map("services").orElseThrow().entries().forEach((name, node) -> {
                MapNode expected = (MapNode) node;
                Service actual = project.services().get(name);
                if (actual == null) {
                    failures.add(dir.getFileName() + ": missing service " + name);
                    return;
                }
                compare(failures, dir, name, "image", expected.text("image").orElse(null), actual.image());
                compare(failures, dir, name, "environment", strings(expected.get("environment").orElse(null)),
                        new TreeMap<>(actual.environment()));
                compare(failures, dir, name, "ports", v1Ports(expected.get("ports").orElse(null)), ports(actual));
                expected.map("networks").ifPresent(n -> compare(failures, dir, name, "networks",
                        new TreeMap<>(n.entries()).keySet(), new TreeMap<>(actual.networks()).keySet()));
                expected.map("build").flatMap(b -> b.text("context")).ifPresent(c -> compare(failures, dir, name,
                        "build.context", Path.of(c).normalize().toString(), actual.build().context()));
            });
        }
        assertTrue(compared > 20, "only " + compared + " cases compared");
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n" + String.join("\n", failures));
    }

    private static void compare(List<String> failures, Path dir, String service, String field, Object expected,
                                Object actual) {
        if (!Objects.equals(expected, actual)) {
            failures.add(dir.getFileName() + " " + service + "." + field + ": v1 " + expected + " / berth " + actual);
        }
    }

    private static Map<String, String> strings(Node node) {
        Map<String, String> out = new TreeMap<>();
        if (node instanceof MapNode m) {
            m.entries().forEach((k, v) -> {
                if (!((ScalarNode) v).isNull()) {
                    out.put(k, ((ScalarNode) v).text());
                }
            });
        }
        return out;
    }

    private static List<String> v1Ports(Node node) {
        List<String> out = new ArrayList<>();
        if (node instanceof ListNode l) {
            for (Node item : l.items()) {
                MapNode p = (MapNode) item;
                out.add(p.text("target").orElse("") + "/" + p.text("published").orElse("") + "/"
                        + p.text("protocol").orElse("tcp"));
            }
        }
        return out;
    }

    private static List<String> ports(Service service) {
        List<String> out = new ArrayList<>();
        for (PortConfig p : service.ports()) {
            out.add(p.target() + "/" + Objects.toString(p.published(), "") + "/" + p.protocol());
        }
        return out;
    }
}
