package dev.berth.cli.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.registry.auth.Credentials;
import dev.berth.embedded.registry.auth.DockerConfigFile;
import dev.berth.embedded.registry.auth.DockerCredentials;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RegistryCredentials;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's logins from a Docker config file become the credentials each pull, push and build carries. */
class StoredLoginsTest {
    @TempDir
    Path dir;

    @Test
    void theLoginOfTheImagesRegistryIsFoundAndOthersAreNot() {
        DockerCredentials config = new DockerCredentials(new DockerConfigFile(dir.resolve("config.json")));
        config.store("127.0.0.1:5000", new Credentials("alice", "pw"));
        config.store("docker.io", new Credentials(Credentials.IDENTITY_TOKEN_USER, "refresh-token"));
        StoredLogins logins = new StoredLogins(config);

        assertEquals(Optional.of(RegistryCredentials.of("alice", "pw")),
                logins.forImage(ImageRef.of("127.0.0.1:5000/shop/web:1")));
        assertEquals(Optional.of(RegistryCredentials.ofIdentityToken("refresh-token")),
                logins.forImage(ImageRef.of("redis:7")), "Docker Hub's entry, with its identity token");
        assertEquals(Optional.empty(), logins.forImage(ImageRef.of("127.0.0.1:6000/other:1")));
    }

    @Test
    void aBuildGetsEveryLoginByRegistry() {
        DockerCredentials config = new DockerCredentials(new DockerConfigFile(dir.resolve("config.json")));
        config.store("127.0.0.1:5000", new Credentials("alice", "pw"));
        config.store("docker.io", new Credentials(Credentials.IDENTITY_TOKEN_USER, "refresh-token"));

        BuildCredentials forBuilds = new StoredLogins(config).forBuilds();

        assertEquals(Map.of("127.0.0.1:5000", RegistryCredentials.of("alice", "pw"),
                "docker.io", RegistryCredentials.ofIdentityToken("refresh-token")), forBuilds.byRegistry());
        assertEquals(Optional.of(RegistryCredentials.of("alice", "pw")),
                forBuilds.forImage(ImageRef.of("127.0.0.1:5000/base/alpine:3")));
    }

    @Test
    void withoutAConfigurationABuildGetsNoLogins() {
        StoredLogins logins = new StoredLogins(new DockerCredentials(new DockerConfigFile(dir.resolve("none.json"))));
        assertTrue(logins.forBuilds().isEmpty());
    }
}
