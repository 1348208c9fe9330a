package dev.berth.cli.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command line run for an {@link Invocation} takes its working directory, environment and standard input from it,
 * never from the JVM: the resident CLI server depends on that.
 */
class InvocationTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result run(Path cwd, Map<String, String> env, String stdin, String... args) {
        Invocation caller = new Invocation(env, cwd, new StandardStreams(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream()),
                StandardCharsets.UTF_8, TerminalFacts.NONE, onInterrupt -> () -> { }, new RunResources());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(caller, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path project(String name, String tag) throws IOException {
        Path project = Files.createDirectories(dir.resolve(name));
        Files.writeString(project.resolve("compose.yaml"), "services:\n  web:\n    image: \"nginx:${TAG}\"\n"
                + "    environment: [\"FROM_ENV=${ONLY_IN_CALLER_ENV:-unset}\"]\n");
        Files.writeString(project.resolve(".env"), "TAG=" + tag + "\n");
        return project;
    }

    @Test
    void discoveryAndDotEnvUseTheCallersWorkingDirectoryAndEnvironment() throws IOException {
        Path a = project("alpha", "1.1");
        Path b = project("beta", "2.2");

        Result inA = run(a, Map.of("ONLY_IN_CALLER_ENV", "a-value"), "", "config");
        Result inB = run(b, Map.of(), "", "config");

        assertEquals(0, inA.code(), inA.err());
        assertTrue(inA.out().contains("name: alpha"), inA.out());
        assertTrue(inA.out().contains("image: nginx:1.1"), inA.out());
        assertTrue(inA.out().contains("FROM_ENV: a-value"), inA.out());
        assertEquals(0, inB.code(), inB.err());
        assertTrue(inB.out().contains("name: beta"), inB.out());
        assertTrue(inB.out().contains("image: nginx:2.2"), inB.out());
        assertTrue(inB.out().contains("FROM_ENV: unset"), inB.out());
    }

    @Test
    void relativeFileProjectDirectoryEnvFileAndOutputResolveAgainstTheCaller() throws IOException {
        Path a = project("alpha", "1.1");
        Files.writeString(a.resolve("other.env"), "TAG=9.9\n");

        Result result = run(dir, Map.of(), "", "-f", "alpha/compose.yaml", "--env-file", "alpha/other.env",
                "--project-directory", "alpha", "config", "-o", "alpha/out.yaml");

        assertEquals(0, result.code(), result.err());
        String written = Files.readString(a.resolve("out.yaml"));
        assertTrue(written.contains("image: nginx:9.9"), written);
        assertTrue(written.contains("name: alpha"), written);
    }

    @Test
    void composeFileFromStandardInputIsTheCallersInput() {
        Result result = run(dir, Map.of("TAG", "3.3"), "services:\n  cache:\n    image: \"redis:${TAG}\"\n",
                "-p", "piped", "-f", "-", "config", "--images");

        assertEquals(0, result.code(), result.err());
        assertEquals("redis:3.3\n", result.out());
    }
}
