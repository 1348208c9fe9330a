package dev.berth.model.extend;

import static dev.berth.model.merge.TestTrees.plain;
import static dev.berth.model.merge.TestTrees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.merge.ComposeMerger;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Tag;
import dev.berth.model.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtendsResolverTest {

    @TempDir
    Path dir;

    private final List<Path> loaded = new ArrayList<>();

    private final ComposeFileLoader loader = file -> {
        loaded.add(file);
        try {
            return (MapNode) YamlReader.read(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private MapNode resolve(String main) {
        return new ExtendsResolver(loader).resolve(yaml("compose.yaml", main), dir.resolve("compose.yaml"));
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void extendsAServiceOfTheSameFile() {
        MapNode result = resolve("""
                services:
                  foo: {image: busybox, extends: bar, environment: [B=2]}
                  bar: {image: alpine, command: echo, environment: {A: "1"}}
                """);
        assertEquals(plain(yaml("""
                services:
                  foo: {image: busybox, command: echo, environment: [A=1, B=2]}
                  bar: {image: alpine, command: echo, environment: {A: "1"}}
                """)), plain(result));
    }

    @Test
    void extendsRecursivelyAndMergesBaseSequencesFirst() {
        MapNode result = resolve("""
                services:
                  a: {extends: {service: b}, ports: ["3:3"]}
                  b: {extends: c, ports: ["2:2"]}
                  c: {image: x, ports: ["1:1"]}
                """);
        assertEquals(List.of("1:1", "2:2", "3:3"), plain(result.map("services").orElseThrow().map("a").orElseThrow()
                .get("ports").orElseThrow()));
    }

    @Test
    void localTagsApplyToTheExtendedService() {
        MapNode result = resolve("""
                services:
                  base: {image: x, volumes: [".:/src"], depends_on: [db], command: run}
                  web:
                    extends: base
                    volumes: !reset []
                    depends_on: !override [cache]
                    command: !reset null
                """);
        MapNode web = result.map("services").orElseThrow().map("web").orElseThrow();
        assertEquals(Tag.RESET, web.get("volumes").orElseThrow().tag());
        assertEquals(Tag.OVERRIDE, web.get("depends_on").orElseThrow().tag());
        MapNode merged = ComposeMerger.mergeAll(List.of(result));
        assertEquals(plain(yaml("{image: x, depends_on: [cache]}")),
                plain(merged.map("services").orElseThrow().map("web").orElseThrow()));
    }

    @Test
    void localTagsStillApplyWhenTheFileIsMergedOntoAPreviousOne() {
        MapNode previous = yaml("services:\n  web: {image: old, ports: [\"80:80\"], depends_on: [db]}\n");
        MapNode override = resolve("""
                services:
                  base: {image: x}
                  web: {extends: base, ports: !reset [], depends_on: !override [cache]}
                """);
        MapNode web = ComposeMerger.merge(previous, override).map("services").orElseThrow().map("web").orElseThrow();
        assertEquals(plain(yaml("{image: x, depends_on: [cache]}")), plain(web));
    }

    @Test
    void serviceFromAnotherFileHasItsRelativePathsRebased() throws IOException {
        write("common/base.yaml", """
                services:
                  app:
                    build: .
                    env_file: [./app.env, {path: ../shared.env, required: false}]
                    volumes: ["./data:/data:ro", "named:/named", {type: bind, source: logs, target: /logs}]
                  remote:
                    build: https://github.com/acme/app.git
                """);
        MapNode result = resolve("""
                services:
                  web: {extends: {file: common/base.yaml, service: app}, image: web}
                  fetch: {extends: {file: common/base.yaml, service: remote}}
                """);
        String common = dir.resolve("common").toString();
        assertEquals(plain(yaml("""
                services:
                  web:
                    build: "%1$s"
                    env_file: ["%1$s/app.env", {path: "%2$s/shared.env", required: false}]
                    volumes: ["%1$s/data:/data:ro", "named:/named", {type: bind, source: "%1$s/logs", target: /logs}]
                    image: web
                  fetch:
                    build: https://github.com/acme/app.git
                """.formatted(common, dir.toString()))), plain(result));
        assertEquals(List.of(dir.resolve("common/base.yaml")), loaded);
    }

    @Test
    void nestedFilesResolveRelativeToTheirOwnDirectory() throws IOException {
        write("a/one.yaml", "services:\n  s: {extends: {file: b/two.yaml, service: t}}\n");
        write("a/b/two.yaml", "services:\n  t: {build: {dockerfile: Dockerfile}}\n");
        MapNode result = resolve("services:\n  web: {extends: {file: a/one.yaml, service: s}}\n");
        assertEquals(plain(yaml("{build: {dockerfile: Dockerfile, context: \"%s\"}}".formatted(dir.resolve("a/b")))),
                plain(result.map("services").orElseThrow().map("web").orElseThrow()));
    }

    @Test
    void cyclesAreErrorsNamingTheChain() {
        ComposeException e = assertThrows(ComposeException.class, () -> resolve("""
                services:
                  a: {extends: b}
                  b: {extends: c}
                  c: {extends: a}
                """));
        assertTrue(e.problems().stream().anyMatch(p -> p.message().equals(
                "circular reference: a (compose.yaml) extends b (compose.yaml) extends c (compose.yaml) extends a (compose.yaml)")),
                e.getMessage());
    }

    @Test
    void missingServiceFileAndServiceKeyAreAllReported() {
        ComposeException e = assertThrows(ComposeException.class, () -> resolve("""
                services:
                  a:
                    extends: nope
                  b:
                    extends: {file: missing.yaml, service: x}
                  c:
                    extends: {file: other.yaml}
                """));
        List<Problem> problems = e.problems();
        assertEquals(3, problems.size(), e.getMessage());
        assertEquals(new Location("compose.yaml", 3, 14), problems.get(0).location());
        assertTrue(problems.get(0).message().contains("service \"nope\" not found"), problems.get(0).message());
        assertEquals("services.b.extends.file", problems.get(1).path());
        assertTrue(problems.get(1).message().contains("not found"));
        assertEquals("extends.c.service is required", problems.get(2).message());
    }

    @Test
    void anEmptyBaseServiceIsExtended() {
        MapNode result = resolve("services:\n  nil:\n  test: {image: t, extends: nil}\n");
        assertEquals(plain(yaml("{image: t}")), plain(result.map("services").orElseThrow().map("test").orElseThrow()));
    }
}
