package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.e2e.EngineUnderTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The berth command, as a separate process on the embedded engine: cp a file into a running service and back out,
 * and top lists the service's process. The first command starts the engine daemon; the teardown stops it.
 */
class EmbeddedCopyTopEndToEndTest {

    private EngineUnderTest engine;

    @BeforeEach
    void setUp() throws IOException {
        engine = EngineUnderTest.withBusybox("cp");
        engine.writeCompose("""
                name: e2ecp
                services:
                  box:
                    image: e2e/busybox:latest
                    command: ["sleep", "300"]
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void copyInAndOutThenTop() throws Exception {
        Path project = engine.project();
        Run up = engine.berth("up", "-d");
        assertEquals(0, up.code(), up.err());

        Files.writeString(project.resolve("greeting.txt"), "hello from the host\n");
        Run in = engine.berth("cp", "greeting.txt", "box:/tmp/");
        assertEquals(0, in.code(), in.err());
        Run out = engine.berth("cp", "box:/tmp/greeting.txt", "back.txt");
        assertEquals(0, out.code(), out.err());
        assertEquals("hello from the host\n", Files.readString(project.resolve("back.txt")));
        Run dir = engine.berth("cp", "box:/etc", "etc-copy");
        assertEquals(0, dir.code(), dir.err());
        assertTrue(Files.isRegularFile(project.resolve("etc-copy/hostname")), "a directory copies with its files");

        Run top = engine.berth("top");
        assertEquals(0, top.code(), top.err());
        List<String> lines = top.out().lines().toList();
        assertEquals("e2ecp-box-1", lines.get(0), top.out());
        assertTrue(lines.get(1).matches("UID\\s+PID\\s+PPID\\s+C\\s+STIME\\s+TTY\\s+TIME\\s+CMD"), top.out());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("sleep 300")), top.out());
    }
}
