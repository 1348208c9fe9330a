package dev.berth.cli.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.embedded.registry.auth.Credentials;
import dev.berth.embedded.registry.auth.DockerConfigFile;
import dev.berth.embedded.registry.auth.DockerCredentials;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RegistryCredentials;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's logins from a Docker config file become the credentials each pull and push carries. */
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
}
