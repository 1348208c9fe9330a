package dev.berth.model.include;

import static dev.berth.model.merge.TestTrees.plain;
import static dev.berth.model.merge.TestTrees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeResolverTest {

    @TempDir
    Path dir;

    private final FakeProjectLoader loader = new FakeProjectLoader();

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private MapNode resolve(String main) throws IOException {
        write("compose.yaml", main);
        Path file = dir.resolve("compose.yaml");
        return loader.resolver.resolve(FakeProjectLoader.read(file), file, dir);
    }

    @Test
    void copiesResourcesWithRebasedPathsAndKeepsLocalTags() throws IOException {
        write("db/compose.yaml", """
                services:
                  db: {build: ., volumes: ["./data:/data"], env_file: db.env}
                volumes:
                  dbdata: {}
                secrets:
                  pw: {file: ./pw.txt}
                """);
        MapNode result = resolve("""
                include: [db/compose.yaml]
                services:
                  web: {image: web, ports: !reset []}
                """);
        String db = dir.resolve("db").toString();
        assertEquals(plain(yaml("""
                services:
                  db: {build: "%1$s", volumes: ["%1$s/data:/data"], env_file: "%1$s/db.env"}
                  web: {image: web, ports: []}
                volumes:
                  dbdata: {}
                secrets:
                  pw: {file: "%1$s/pw.txt"}
                """.formatted(db))), plain(result));
        assertEquals(Tag.RESET, result.map("services").orElseThrow().map("web").orElseThrow().get("ports")
                .orElseThrow().tag());
        assertEquals(List.of(new FakeProjectLoader.Request(List.of(dir.resolve("db/compose.yaml")), dir.resolve("db"),
                List.of())), loader.requests);
    }

    @Test
    void longSyntaxPassesFilesProjectDirectoryAndEnvFiles() throws IOException {
        write("lib/a.yaml", "services:\n  s: {image: a}\n");
        write("lib/b.yaml", "services:\n  s: {image: b}\n");
        write("lib/c.yaml", "services:\n  t: {image: c}\n");
        write("conf/lib.env", "X=1\n");
        write("lib/.env", "Y=1\n");
        resolve("""
                include:
                  - path: [lib/a.yaml, lib/b.yaml]
                    project_directory: conf
                    env_file: conf/lib.env
                  - lib/c.yaml
                """);
        assertEquals(List.of(
                new FakeProjectLoader.Request(List.of(dir.resolve("lib/a.yaml"), dir.resolve("lib/b.yaml")),
                        dir.resolve("conf"), List.of(dir.resolve("conf/lib.env"))),
                new FakeProjectLoader.Request(List.of(dir.resolve("lib/c.yaml")), dir.resolve("lib"),
                        List.of(dir.resolve("lib/.env")))), loader.requests);
    }

    @Test
    void theIncludingFileWinsOverAnIncludedDefinition() throws IOException {
        write("inc.yaml", "services:\n  bar: {image: bar, environment: [FOO=BAR], user: me}\n");
        MapNode result = resolve("""
                include: [inc.yaml]
                services:
                  bar: {image: busybox, environment: !override [ZOT=QIX]}
                """);
        assertEquals(plain(yaml("services: {bar: {image: busybox, environment: [ZOT=QIX], user: me}}")),
                plain(result));
    }

    @Test
    void aResetIncludedServiceIsRemovedAndLocalTagsAreCarried() throws IOException {
        write("inc.yaml", "services:\n  a: {image: a}\n  b: {image: b, ports: [\"1:1\"]}\n");
        MapNode result = resolve("""
                include: [inc.yaml]
                services:
                  a: !reset null
                  b: {ports: !override ["2:2"]}
                """);
        MapNode services = result.map("services").orElseThrow();
        assertEquals(List.of("b"), List.copyOf(services.entries().keySet()));
        assertEquals(Tag.OVERRIDE, services.map("b").orElseThrow().get("ports").orElseThrow().tag());
        assertEquals(plain(yaml("{image: b, ports: [\"2:2\"]}")), plain(services.get("b").orElseThrow()));
    }

    @Test
    void identicalDefinitionsFromTwoIncludesAreAcceptedDifferentOnesConflict() throws IOException {
        write("one.yaml", "services:\n  s: {image: x}\n");
        write("two.yaml", "services:\n  s: {image: x}\n");
        write("three.yaml", "services:\n  s: {image: y}\n");
        assertEquals(plain(yaml("services: {s: {image: x}}")), plain(resolve("include: [one.yaml, two.yaml]\n")));
        ComposeException e = assertThrows(ComposeException.class,
                () -> resolve("include:\n  - one.yaml\n  - three.yaml\n"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).message().startsWith("services.s conflicts with imported resource"),
                e.getMessage());
        assertEquals(new Location("compose.yaml", 3, 5), e.problems().get(0).location());
    }

    @Test
    void cyclesAreErrorsNamingTheChain() throws IOException {
        write("b/compose.yaml", "include: [../compose.yaml]\nservices:\n  b: {image: b}\n");
        ComposeException e = assertThrows(ComposeException.class,
                () -> resolve("include: [b/compose.yaml]\nservices:\n  a: {image: a}\n"));
        String main = dir.resolve("compose.yaml").toString();
        assertEquals("include cycle detected: " + main + " includes " + dir.resolve("b/compose.yaml") + " includes "
                + main, e.problems().get(0).message());
    }

    @Test
    void missingFilesAreReportedTogether() throws IOException {
        ComposeException e = assertThrows(ComposeException.class, () -> resolve("""
                include:
                  - nope.yaml
                  - path: also-missing.yaml
                    env_file: missing.env
                """));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals(new Location("compose.yaml", 2, 5), e.problems().get(0).location());
        assertEquals("include[1].path", e.problems().get(1).path());
    }

    @Test
    void aFileWithoutIncludeIsReturnedAsItIs() throws IOException {
        MapNode file = yaml("services: {a: {image: a}}");
        assertEquals(file, loader.resolver.resolve(file, dir.resolve("compose.yaml"), dir));
        assertFalse(resolve("include: []\nservices: {a: {image: a}}\n").has("include"));
    }
}
