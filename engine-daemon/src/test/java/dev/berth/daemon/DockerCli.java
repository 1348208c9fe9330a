package dev.berth.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code docker} CLI against a test engine: {@code DOCKER_HOST} is the engine's socket and
 * {@code DOCKER_CONFIG} a client configuration directory of the test's own; builds use the classic builder.
 */
final class DockerCli {
    record Result(int code, String out, String err) {
        String text() {
            return out.trim();
        }
    }

    private final TestEngine engine;
    private final Path config;

    DockerCli(TestEngine engine, Path config) {
        this.engine = engine;
        this.config = config;
    }

    /** Skips the calling test when the docker CLI is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(binary() != null, "the docker CLI is not installed (apt-get install docker.io)");
    }

    /** The docker CLI's path, or null when it is not installed. */
    static String binary() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, "docker"))) {
                return dir + "/docker";
            }
        }
        return null;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return runWithInput("", args);
    }

    /** Runs {@code docker ARGS} with {@code input} on its stdin; at most 120 s. */
    Result runWithInput(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary()));
        command.addAll(List.of(args));
        return execute(input, command);
    }

    /**
     * Runs {@code command} (the docker CLI, or a program that runs it) with this engine and configuration in its
     * environment and {@code input} on its stdin; at most 120 s.
     */
    Result execute(String input, List<String> command) throws IOException, InterruptedException {
        Path stdin = Files.createTempFile("docker-cli", ".in");
        Path out = Files.createTempFile("docker-cli", ".out");
        Path err = Files.createTempFile("docker-cli", ".err");
        try {
            Files.writeString(stdin, input);
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(stdin.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = withEnvironment(pb).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s: "
                        + Files.readString(out) + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdin);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code pb} with this engine and configuration in its environment (and the classic builder). */
    ProcessBuilder withEnvironment(ProcessBuilder pb) {
        pb.environment().put("DOCKER_HOST", "unix://" + engine.options().socket());
        pb.environment().put("DOCKER_CONFIG", config.toString());
        pb.environment().remove("DOCKER_CONTEXT");
        pb.environment().put("DOCKER_BUILDKIT", "0");
        return pb;
    }

    /** Runs and requires exit code 0. */
    Result ok(String... args) throws IOException, InterruptedException {
        return okWithInput("", args);
    }

    /** Runs with {@code input} on stdin and requires exit code 0. */
    Result okWithInput(String input, String... args) throws IOException, InterruptedException {
        Result r = runWithInput(input, args);
        if (r.code() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " failed (" + r.code() + "): " + r.err()
                    + r.out());
        }
        return r;
    }
}
