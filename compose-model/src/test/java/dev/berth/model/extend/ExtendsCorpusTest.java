package dev.berth.model.extend;

import static dev.berth.model.merge.TestTrees.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.merge.ComposeMerger;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.testing.ConformanceCorpus;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code extends} cases of the corpus ({@code cases/cg-*Extends*}), checked against their
 * {@code compose_go_assertions}. Files are read without interpolation (none of these cases needs it).
 */
class ExtendsCorpusTest {

    private static Path caseDir(String id) {
        Optional<Path> corpus = ConformanceCorpus.root();
        Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus not found");
        return corpus.get().resolve("cases").resolve(id);
    }

    private static MapNode read(Path file) {
        try {
            return (MapNode) YamlReader.read(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case's compose.yaml with extends resolved and tags applied, as the loader pipeline would. */
    private static MapNode load(String id) {
        Path file = caseDir(id).resolve("compose.yaml");
        MapNode resolved = new ExtendsResolver(ExtendsCorpusTest::read).resolve(read(file), file);
        return ComposeMerger.mergeAll(List.of(resolved));
    }

    private static MapNode service(MapNode project, String name) {
        return project.map("services").orElseThrow().map(name).orElseThrow();
    }

    @Test
    void testExtends() {
        MapNode p = load("cg-TestExtends");
        assertEquals("test1", service(p, "test1").text("hostname").orElseThrow());
        assertEquals("base", service(p, "test1").text("image").orElseThrow());
        assertEquals("test2", service(p, "test2").text("hostname").orElseThrow());
        assertEquals("base", service(p, "test3").text("image").orElseThrow());
        assertEquals("test3", service(p, "test3").text("hostname").orElseThrow());
    }

    @Test
    void testExtendsPortAndPortOverride() {
        assertEquals(List.of("8000:8000"), plain(service(load("cg-TestExtendsPort"), "test").get("ports")
                .orElseThrow()));
        assertEquals(List.of("8080:8080"), plain(service(load("cg-TestExtendsPortOverride"), "test").get("ports")
                .orElseThrow()));
    }

    @Test
    void testExtendsUlimitsAndNil() {
        assertEquals(65535L, plain(service(load("cg-TestExtendsUlimits"), "test").map("ulimits").orElseThrow()
                .get("nproc").orElseThrow()));
        assertEquals("test", service(load("cg-TestExtendsNil"), "test").text("image").orElseThrow());
    }

    @Test
    void testExtendsRelativePath() {
        Path expected = caseDir("cg-TestExtendsRelativePath").resolve("testdata/extends").toAbsolutePath().normalize();
        assertEquals(expected.toString(), service(load("cg-TestExtendsRelativePath"), "test").text("build")
                .orElseThrow());
    }

    @Test
    void testExtendsReset() {
        assertFalse(service(load("cg-TestExtendsReset"), "test").has("command"));
        MapNode foo = service(load("cg-TestLoadExtendsWihReset"), "foo");
        assertFalse(foo.has("volumes"));
        assertEquals("echo", foo.text("command").orElseThrow());
    }

    @Test
    void testLoadExtendsAndOverrideCommand() {
        MapNode foo = service(load("cg-TestLoadExtends"), "foo");
        assertEquals("busybox", foo.text("image").orElseThrow());
        assertEquals("echo", foo.text("command").orElseThrow());
        MapNode overridden = service(load("cg-TestLoadExtendsOverrideCommand"), "foo");
        assertEquals("/bin/ash -c \"rm -rf /tmp/might-not-exist\"", overridden.text("command").orElseThrow());
        assertEquals(3, load("cg-TestLoadExtendsListener").map("services").orElseThrow().size() - 1);
    }

    @Test
    void overrideTagReplacesInheritedDependsOn() {
        assertEquals(List.of("service_a"), plain(service(load("cg-TestLoadExtendsDependsOn"), "service_b")
                .get("depends_on").orElseThrow()));
        Object mainDeps = plain(service(load("cg-TestOverrideSelfExtends"), "main").get("depends_on").orElseThrow());
        Map<String, Object> started = Map.of("condition", "service_started", "required", true);
        assertEquals(Map.of("depend_two", started, "depend_base", started), mainDeps);
    }

    @Test
    void missingServiceKeyIsAnError() {
        caseDir("cg-TestExtendsWihtMissingService"); // skips here, not inside assertThrows, without the corpus
        ComposeException e = assertThrows(ComposeException.class, () -> load("cg-TestExtendsWihtMissingService"));
        assertTrue(e.getMessage().contains("extends.test.service is required"), e.getMessage());
    }

    @Test
    void envFileOfAnotherDirectoryIsRebased() {
        Path subdir = caseDir("cg-testdata-extends").resolve("subdir").toAbsolutePath().normalize();
        assertEquals(List.of(subdir.resolve("extra.env").toString()),
                plain(service(load("cg-testdata-extends"), "importer").get("env_file").orElseThrow()));
    }
}
