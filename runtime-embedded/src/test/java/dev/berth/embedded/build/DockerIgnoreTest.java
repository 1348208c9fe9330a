package dev.berth.embedded.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerIgnoreTest {

    @Test
    void goMatchSemanticsWithDoubleStar() {
        DockerIgnore ignore = DockerIgnore.parse("""
                # comment
                *.log
                /build
                **/node_modules
                docs/**/*.tmp
                temp?
                [a-c].txt
                [^x]y
                """);
        assertTrue(ignore.excludes("app.log"));
        assertFalse(ignore.excludes("sub/app.log"), "* does not cross directories");
        assertTrue(ignore.excludes("build"));
        assertTrue(ignore.excludes("build/out/x.o"), "a matching directory excludes its contents");
        assertTrue(ignore.excludes("node_modules/x"));
        assertTrue(ignore.excludes("a/b/node_modules/x/y"));
        assertTrue(ignore.excludes("docs/x.tmp"), "**/ matches zero directories");
        assertTrue(ignore.excludes("docs/a/b/x.tmp"));
        assertFalse(ignore.excludes("docs/a/b/x.md"));
        assertTrue(ignore.excludes("temp1"));
        assertFalse(ignore.excludes("temp12"));
        assertTrue(ignore.excludes("b.txt"));
        assertFalse(ignore.excludes("d.txt"));
        assertTrue(ignore.excludes("zy"));
        assertFalse(ignore.excludes("xy"));
        assertFalse(ignore.excludes("src/main.c"));
    }

    @Test
    void exceptionsAndLastMatchWins() {
        DockerIgnore ignore = DockerIgnore.parse("*.md\n!README*.md\nREADME-secret.md\n");
        assertTrue(ignore.excludes("CHANGES.md"));
        assertFalse(ignore.excludes("README.md"));
        assertTrue(ignore.excludes("README-secret.md"));
        assertTrue(ignore.hasExceptions());
    }

    @Test
    void patternsAreCleaned() {
        DockerIgnore ignore = DockerIgnore.parse("./a/../b/\n  c//d  \n!\n");
        assertTrue(ignore.excludes("b/x"));
        assertTrue(ignore.excludes("c/d"));
        assertTrue(ignore.excludes("./c/d/e"));
        assertEquals(2, ignore.rules().size());
    }

    @Test
    void everythingButExceptions() {
        DockerIgnore ignore = DockerIgnore.parse("*\n!src\n!Dockerfile\n");
        assertTrue(ignore.excludes("target"));
        assertFalse(ignore.excludes("src/a/b.java"));
        assertFalse(ignore.excludes("Dockerfile"));
    }

    @Test
    void readsDockerfileSpecificIgnoreFirst(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".dockerignore"), "a\n");
        assertTrue(DockerIgnore.forContext(dir, dir.resolve("Dockerfile")).excludes("a"));
        Files.writeString(dir.resolve("Dockerfile.dockerignore"), "b\n");
        DockerIgnore specific = DockerIgnore.forContext(dir, dir.resolve("Dockerfile"));
        assertFalse(specific.excludes("a"));
        assertTrue(specific.excludes("b"));
        assertFalse(DockerIgnore.forContext(dir.resolve("none"), null).excludes("a"));
    }
}
