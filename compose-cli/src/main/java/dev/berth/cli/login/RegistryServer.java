package dev.berth.cli.login;

import dev.berth.cli.invocation.Invocation;
import dev.berth.embedded.registry.auth.CredentialHelper;
import dev.berth.embedded.registry.auth.DockerConfigFile;
import dev.berth.embedded.registry.auth.DockerCredentials;
import java.nio.file.Path;

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

    /**
     * The credentials in {@code --config DIR}, else {@code DOCKER_CONFIG}, else {@code ~/.docker}, relative to the
     * caller's working directory; credential helpers run with the caller's environment.
     */
    static DockerCredentials credentials(Path configDir, Invocation caller) {
        String fromEnv = caller.getenv("DOCKER_CONFIG");
        DockerConfigFile file = configDir != null ? new DockerConfigFile(caller.resolve(configDir).resolve("config.json"))
                : fromEnv != null && !fromEnv.isBlank()
                ? new DockerConfigFile(caller.resolve(fromEnv).resolve("config.json"))
                : DockerConfigFile.locate(caller.env());
        return new DockerCredentials(file, name -> new CredentialHelper(name, caller.env()));
    }
}
