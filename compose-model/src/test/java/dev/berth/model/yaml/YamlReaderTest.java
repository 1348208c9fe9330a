package dev.berth.model.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.tree.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private static MapNode read(String yaml) {
        return (MapNode) YamlReader.read("compose.yaml", yaml);
    }

    private static Object scalar(MapNode map, String key) {
        return ((ScalarNode) map.get(key).orElseThrow()).value();
    }

    @Test
    void resolvesCoreSchemaScalarsAndOctalLikeCompose() {
        MapNode m = read("a: 1\nb: true\nc: 1.5\nd: ~\ne: \"1\"\nf: yes\ng: 0440\nh: 0o17\ni: 0x1F\nj: on\n");
        assertEquals(1L, scalar(m, "a"));
        assertEquals(Boolean.TRUE, scalar(m, "b"));
        assertEquals(1.5, scalar(m, "c"));
        assertNull(scalar(m, "d"));
        assertEquals("1", scalar(m, "e"));
        assertEquals("yes", scalar(m, "f"), "YAML 1.2: yes is a string");
        assertEquals(288L, scalar(m, "g"), "leading zero reads as octal");
        assertEquals(15L, scalar(m, "h"));
        assertEquals(31L, scalar(m, "i"));
        assertEquals("on", scalar(m, "j"));
    }

    @Test
    void keepsLineAndColumnOfEveryNode() {
        MapNode m = read("services:\n  web:\n    image: nginx\n");
        MapNode web = m.map("services").orElseThrow().map("web").orElseThrow();
        assertEquals(new Location("compose.yaml", 3, 12), web.get("image").orElseThrow().location());
        assertEquals(new Location("compose.yaml", 3, 5), web.keyLocation("image"));
    }

    @Test
    void expandsAliasesAndAppliesMergeKeysWithExplicitKeysWinning() {
        MapNode m = read("""
                x-base: &base
                  image: busybox
                  restart: always
                x-more: &more
                  restart: "no"
                  user: root
                services:
                  a:
                    <<: [*base, *more]
                    image: alpine
                  b: *base
                """);
        MapNode services = m.map("services").orElseThrow();
        MapNode a = services.map("a").orElseThrow();
        assertEquals(List.of("image", "restart", "user"), List.copyOf(a.entries().keySet()));
        assertEquals("alpine", scalar(a, "image"));
        assertEquals("always", scalar(a, "restart"), "the first merge source wins over later ones");
        assertEquals("root", scalar(a, "user"));
        assertEquals("busybox", scalar(services.map("b").orElseThrow(), "image"));
    }

    @Test
    void keepsResetAndOverrideTags() {
        MapNode m = read("ports: !reset []\ncommand: !override [a]\nenv: !reset null\n");
        assertEquals(Tag.RESET, m.get("ports").orElseThrow().tag());
        assertInstanceOf(ListNode.class, m.get("ports").orElseThrow());
        assertEquals(Tag.OVERRIDE, m.get("command").orElseThrow().tag());
        assertEquals(Tag.RESET, m.get("env").orElseThrow().tag());
        assertNull(scalar(m, "env"));
    }

    @Test
    void duplicateKeysAreAnErrorWithBothLines() {
        ComposeException e = assertThrows(ComposeException.class, () -> read("a: 1\nb: 2\na: 3\n"));
        Problem p = e.problems().get(0);
        assertEquals(3, p.location().line());
        assertTrue(p.message().contains("mapping key \"a\" already defined at line 1"), p.message());
    }

    @Test
    void nonStringKeysAreRejected() {
        ComposeException e = assertThrows(ComposeException.class, () -> read("environment:\n  1: x\n"));
        assertTrue(e.problems().get(0).message().contains("non-string key in environment: 1"), e.getMessage());
    }

    @Test
    void syntaxErrorPointsAtLineAndColumn() {
        ComposeException e = assertThrows(ComposeException.class, () -> read("services:\n  web:\n    image: [a\n"));
        Problem p = e.problems().get(0);
        assertTrue(p.location().line() >= 3, p.render());
        assertTrue(p.message().startsWith("invalid YAML"), p.message());
    }

    @Test
    void billionLaughsIsStopped() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        ComposeException e = assertThrows(ComposeException.class, () -> read(yaml.toString()));
        assertTrue(e.getMessage().contains("excessive aliasing"), e.getMessage());
    }

    @Test
    void readsEveryDocumentOfAStream() {
        List<Node> docs = YamlReader.readAll("f.yaml", "a: 1\n---\nb: 2\n");
        assertEquals(2, docs.size());
        assertEquals(2L, scalar((MapNode) docs.get(1), "b"));
    }
}
