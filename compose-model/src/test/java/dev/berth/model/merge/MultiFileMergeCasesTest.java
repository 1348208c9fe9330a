package dev.berth.model.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.testing.ConformanceCorpus;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The multi-file {@code merge/cg-*} cases of the corpus whose {@code compose_go_assertions} concern the merge
 * itself (tags, promotions, unique keys); cases that need interpolation or include are covered elsewhere.
 */
class MultiFileMergeCasesTest {

    private static MapNode load(String id) throws IOException {
        Path corpus = ConformanceCorpus.root().orElse(null);
        Assumptions.assumeTrue(corpus != null, "conformance corpus not found");
        Path dir = corpus.resolve("merge").resolve(id);
        List<MapNode> files = new ArrayList<>();
        for (String name : List.of("base.yaml", "override.yaml", "override2.yaml")) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                files.add((MapNode) YamlReader.read(name, Files.readString(f)));
            }
        }
        return ComposeMerger.mergeAll(files);
    }

    private static MapNode at(MapNode root, String... keys) {
        MapNode node = root;
        for (String k : keys) {
            node = node.map(k).orElseThrow(() -> new AssertionError("missing " + k));
        }
        return node;
    }

    private static int portCount(MapNode project, String service) {
        Optional<Node> ports = at(project, "services", service).get("ports");
        return ports.map(p -> ((ListNode) p).size()).orElse(0);
    }

    @Test
    void resetThroughAliasesClearsPorts() throws IOException {
        for (String id : List.of("cg-TestDirectAliasWithReset", "cg-TestResetTagWithSharedAlias")) {
            MapNode p = load(id);
            assertEquals(0, portCount(p, "svc1"), id);
            assertEquals(0, portCount(p, "svc2"), id);
        }
        assertEquals(0, portCount(load("cg-TestNestedAliasReset"), "svc"));
    }

    @Test
    void overrideTagReplacesNetworks() throws IOException {
        assertFalse(at(load("cg-TestOverrideReplace"), "networks", "test").has("external"));
        MapNode shared = load("cg-TestOverrideTagWithSharedAlias");
        assertFalse(at(shared, "networks", "net1").has("external"));
        assertFalse(at(shared, "networks", "net2").has("external"));
    }

    @Test
    void resetRemovesANetwork() throws IOException {
        assertFalse(at(load("cg-TestResetRemove"), "networks").has("test"));
    }

    @Test
    void resetRemovesBuildAndAnEnvironmentKey() throws IOException {
        MapNode foo = at(load("cg-Test_LoadWithReset"), "services", "foo");
        assertFalse(foo.has("build"));
        assertEquals("foo", foo.text("image").orElseThrow());
        assertEquals(List.of(), TestTrees.plain(foo.get("environment").orElseThrow()));
    }

    @Test
    void buildContextIsOverridden() throws IOException {
        assertEquals("src", at(load("cg-TestOverrideBuildContext"), "services", "test", "build").text("context")
                .orElseThrow());
    }

    @Test
    void dependsOnListMergesWithMapping() throws IOException {
        MapNode foo = at(load("cg-TestOverrideDepends_on"), "services", "test", "depends_on", "foo");
        assertEquals(Boolean.FALSE, TestTrees.plain(foo.get("required").orElseThrow()));
        assertEquals("service_healthy", foo.text("condition").orElseThrow());
        assertTrue(at(load("cg-TestOverridePartial"), "services", "test", "depends_on").has("foo"));
    }

    @Test
    void networkAliasesAreAdded() throws IOException {
        MapNode net = at(load("cg-TestOverrideNetworks"), "services", "test", "networks", "test_network");
        assertEquals(List.of("alias1", "alias2"), TestTrees.plain(net.get("aliases").orElseThrow()));
    }

    @Test
    void sameVolumeTwiceIsKeptOnce() throws IOException {
        MapNode test = at(load("cg-TestOverrideVolume"), "services", "test");
        assertEquals(1, ((ListNode) test.get("volumes").orElseThrow()).size());
    }
}
