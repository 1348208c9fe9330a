package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's {@code docker-compose} (Compose v1, docker-py) runs a stack against the engine daemon. */
class DockerComposeV1Test {
    private static final Path COMPOSE = Path.of("/usr/bin/docker-compose");
    private static TestEngine engine;
    private static Path project;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(COMPOSE), "docker-compose (v1) is not installed");
        engine = TestEngine.start();
        project = Files.createTempDirectory("berth-compose-v1");
        Files.writeString(project.resolve("docker-compose.yml"), """
                version: "3.7"
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "echo web is up; exec sleep 3600"]
                  job:
                    image: %s
                    command: ["sh", "-c", "echo job done"]
                """.formatted(TestEngine.IMAGE.value(), TestEngine.IMAGE.value()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (project != null) {
            dev.berth.embedded.util.Files2.deleteTree(project);
        }
    }

    private static Result compose(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(COMPOSE.toString(), "--no-ansi", "-p", name));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("DOCKER_HOST", "unix://" + engine.options().socket());
        pb.environment().put("DOCKER_CONFIG", project.resolve(".docker").toString());
        Path out = Files.createTempFile("compose-v1", ".out");
        Path err = Files.createTempFile("compose-v1", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("docker-compose " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Result ok(String name, String... args) throws Exception {
        Result r = compose(name, args);
        assertEquals(0, r.code(), "docker-compose " + String.join(" ", args) + ": " + r.err() + r.out());
        return r;
    }

    @Test
    void upPsLogsDown() throws Exception {
        String name = "v1" + UUID.randomUUID().toString().substring(0, 8);
        try {
            ok(name, "up", "-d");
            String ps = ok(name, "ps").out();
            assertTrue(ps.matches("(?s).*" + name + "_web_1 .*Up.*"), ps);
            String logs = "";
            for (int i = 0; i < 50 && !(logs.contains("web is up") && logs.contains("job done")); i++) {
                Thread.sleep(100);
                logs = ok(name, "logs").out();
            }
            assertTrue(logs.contains("web is up"), logs);
            assertTrue(logs.contains("job done"), logs);
            ok(name, "down");
            assertFalse(ok(name, "ps").out().contains(name + "_web_1"));
        } finally {
            compose(name, "down", "-t", "1");
        }
    }
}
