package dev.berth.cli.server;

import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.invocation.RunResources;
import dev.berth.cli.invocation.StandardStreams;
import dev.berth.cli.invocation.TerminalFacts;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads and prints a small project once when the server starts, on a thread of its own, so that the classes of the
 * loader, the schema validator and both output formats are loaded before the first request needs them.
 */
final class WarmUp {
    private static final String PROJECT = """
            services:
              web:
                image: "nginx:${TAG:-1}"
                ports: ["8080:80"]
                depends_on: [db]
                environment: [A=1]
                healthcheck: {test: [CMD, "true"], interval: 5s}
              db:
                image: postgres:16
                volumes: [data:/var/lib/postgresql/data]
            volumes:
              data: {}
            """;

    private WarmUp() {
    }

    static void inBackground(CommandLines commands, Path directory) {
        Thread thread = new Thread(() -> {
            for (String format : new String[] {"yaml", "json"}) {
                commands.run(invocation(directory), discard(), discard(), "-p", "warm-up", "-f", "-", "config",
                        "--format", format);
            }
        }, "berth-cli-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static Invocation invocation(Path directory) {
        StandardStreams streams = new StandardStreams(
                new ByteArrayInputStream(PROJECT.getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream());
        return new Invocation(Map.of(), directory, streams, StandardCharsets.UTF_8, TerminalFacts.NONE,
                onInterrupt -> () -> { }, new RunResources());
    }

    private static PrintWriter discard() {
        return new PrintWriter(Writer.nullWriter());
    }
}
