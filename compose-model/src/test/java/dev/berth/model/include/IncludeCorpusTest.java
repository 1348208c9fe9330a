package dev.berth.model.include;

import static dev.berth.model.merge.TestTrees.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.testing.ConformanceCorpus;
import dev.berth.model.tree.MapNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code include} cases of the corpus, loaded with {@link FakeProjectLoader} (no interpolation, so values
 * such as {@code container_name: ${SOURCE}} are not checked here) and checked against their
 * {@code compose_go_assertions}.
 */
class IncludeCorpusTest {

    private static Path corpusDir(String section, String id) {
        Optional<Path> corpus = ConformanceCorpus.root();
        Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus not found");
        return corpus.get().resolve(section).resolve(id).toAbsolutePath().normalize();
    }

    private static MapNode load(String section, String id, String... files) {
        Path dir = corpusDir(section, id);
        List<Path> paths = new ArrayList<>();
        for (String f : files.length == 0 ? new String[] {"compose.yaml"} : files) {
            paths.add(dir.resolve(f));
        }
        return new FakeProjectLoader().project(paths, dir);
    }

    private static MapNode services(MapNode project) {
        return project.map("services").orElseThrow();
    }

    @Test
    void includedServiceIsImportedWithPathsRelativeToItsFile() {
        Path subdir = corpusDir("cases", "cg-TestLoadWithInclude").resolve("testdata/subdir");
        MapNode services = services(load("cases", "cg-TestLoadWithInclude"));
        assertEquals(List.of("foo", "imported"), List.copyOf(services.entries().keySet()).stream().sorted().toList());
        assertEquals(List.of(subdir.resolve("extra.env").toString()),
                plain(services.map("imported").orElseThrow().get("env_file").orElseThrow()));
    }

    @Test
    void theSameServiceIncludedTwiceIsNoConflict() {
        assertTrue(services(load("cases", "cg-TestLoadWithMultipleInclude")).has("imported"));
    }

    @Test
    void theIncludingFileOverridesAnIncludedService() {
        MapNode bar = services(load("cases", "cg-TestLoadWithMultipleIncludeConflict")).map("bar").orElseThrow();
        assertEquals("busybox", bar.text("image").orElseThrow());
        assertEquals(List.of("ZOT=QIX"), plain(bar.get("environment").orElseThrow()));
    }

    @Test
    void includedProjectsResolveTheirExtends() {
        MapNode service = services(load("cases", "cg-TestIncludeWithExtends")).map("with-build").orElseThrow();
        assertTrue(service.has("build"));
        assertTrue(services(load("cases", "cg-testdata-include")).has("included"));
        assertEquals(List.of("foo", "test"), services(load("cases", "dc-TestPublishLocalInclude")).entries().keySet()
                .stream().sorted().toList());
    }

    @Test
    void aLaterFileOverridesAnIncludedService() {
        MapNode imported = services(load("merge", "cg-TestLoadWithIncludeOverride", "base.yaml", "override.yaml"))
                .map("imported").orElseThrow();
        assertEquals("overridden", imported.text("image").orElseThrow());
    }
}
