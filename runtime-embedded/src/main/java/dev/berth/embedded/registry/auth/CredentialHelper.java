package dev.berth.embedded.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.embedded.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker credential helper program {@code docker-credential-<name>} spoken to over stdin/stdout with its
 * {@code get}, {@code store} and {@code erase} actions.
 */
public final class CredentialHelper {
    private static final String NOT_FOUND = "credentials not found in native keychain";
    private final String program;
    /** The helper's environment; empty: this process's. */
    private final Optional<Map<String, String>> environment;

    /** The helper {@code docker-credential-<name>} found on the PATH. */
    public CredentialHelper(String name) {
        this.program = "docker-credential-" + name;
        this.environment = Optional.empty();
    }

    /** The helper at {@code program}. */
    public CredentialHelper(java.nio.file.Path program) {
        this.program = program.toString();
        this.environment = Optional.empty();
    }

    /**
     * The helper {@code docker-credential-<name>} found on {@code env}'s PATH and run with {@code env} as its
     * environment: the caller's, when a resident process works for several callers.
     */
    public CredentialHelper(String name, Map<String, String> env) {
        this.program = onPath("docker-credential-" + name, env.getOrDefault("PATH", ""));
        this.environment = Optional.of(Map.copyOf(env));
    }

    /** The first executable {@code name} in the directories of {@code path}; else {@code name} as it is. */
    private static String onPath(String name, String path) {
        for (String dir : path.split(":")) {
            java.nio.file.Path candidate = java.nio.file.Path.of(dir.isEmpty() ? "." : dir, name);
            if (candidate.isAbsolute() && java.nio.file.Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return name;
    }

    public Optional<Credentials> get(String serverUrl) {
        Result result = run("get", serverUrl);
        if (result.exitCode != 0) {
            if (result.output.contains(NOT_FOUND)) {
                return Optional.empty();
            }
            throw new IllegalStateException(program + " get " + serverUrl + " failed: " + result.output.strip());
        }
        try {
            JsonNode node = Json.MAPPER.readTree(result.output);
            return Optional.of(new Credentials(node.path("Username").asText(""), node.path("Secret").asText("")));
        } catch (IOException e) {
            throw new IllegalStateException(program + " get printed something that is not JSON: " + e.getMessage(), e);
        }
    }

    public void store(String serverUrl, Credentials credentials) {
        String input = new String(Json.write(Map.of("ServerURL", serverUrl, "Username", credentials.username(),
                "Secret", credentials.secret())), StandardCharsets.UTF_8);
        Result result = run("store", input);
        if (result.exitCode != 0) {
            throw new IllegalStateException(program + " store failed: " + result.output.strip());
        }
    }

    public void erase(String serverUrl) {
        Result result = run("erase", serverUrl);
        if (result.exitCode != 0 && !result.output.contains(NOT_FOUND)) {
            throw new IllegalStateException(program + " erase failed: " + result.output.strip());
        }
    }

    private Result run(String action, String input) {
        try {
            ProcessBuilder builder = new ProcessBuilder(program, action).redirectErrorStream(true);
            environment.ifPresent(env -> {
                builder.environment().clear();
                builder.environment().putAll(env);
            });
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " " + action + " did not finish within 30 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the credential helper " + program + ": " + e.getMessage()
                    + " (install it or change credsStore/credHelpers in the Docker config file)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(program + " " + action + " was interrupted", e);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
