package dev.berth.cli.login;

import dev.berth.embedded.registry.auth.DockerConfigFile;
import java.nio.file.Path;
import java.util.Map;

/** What login and logout share: the registry a SERVER argument names and the Docker config file to use. */
final class RegistryServer {
    private RegistryServer() {
    }

    /**
     * {@code host[:port]} from a SERVER argument as Docker accepts it ({@code https://host/v1/}, {@code host:5000});
     * none or Docker Hub's names mean {@code docker.io}.
     */
    static String registry(String server) {
        if (server == null || server.isBlank()) {
            return "docker.io";
        }
        String host = server.strip().replaceFirst("^[a-zA-Z]+://", "");
        int slash = host.indexOf('/');
        host = slash < 0 ? host : host.substring(0, slash);
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "docker.io" -> "docker.io";
            default -> host;
        };
    }

    /** {@code --config DIR}, else {@code DOCKER_CONFIG}, else {@code ~/.docker}. */
    static DockerConfigFile configFile(Path configDir, Map<String, String> env) {
        return configDir != null ? new DockerConfigFile(configDir.resolve("config.json")) : DockerConfigFile.locate(env);
    }
}
