package dev.berth.embedded.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.image.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCredentialsTest {
    @TempDir
    Path temp;

    private DockerConfigFile file(String json) throws Exception {
        Path path = temp.resolve("config.json");
        if (json != null) {
            Files.writeString(path, json);
        }
        return new DockerConfigFile(path);
    }

    @Test
    void readsBase64AuthsUnderEveryKeyFormDockerWrites() throws Exception {
        DockerCredentials credentials = new DockerCredentials(file("""
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "aHViOmh1YnBhc3M="},
                  "https://registry.example:5000/v1/": {"auth": "dXNlcjpwYTpzcw=="},
                  "127.0.0.1:5000": {"identitytoken": "refresh-me"}
                }, "detachKeys": "ctrl-x"}"""));
        assertEquals(Optional.of(new Credentials("hub", "hubpass")), credentials.lookup("docker.io"));
        assertEquals(Optional.of(new Credentials("user", "pa:ss")), credentials.lookup("registry.example:5000"),
                "the password may contain ':'");
        Credentials token = credentials.lookup("127.0.0.1:5000").orElseThrow();
        assertTrue(token.isIdentityToken());
        assertEquals(Optional.empty(), credentials.lookup("other.example"));
    }

    @Test
    void storeWritesAuthsWithMode0600AndKeepsOtherSettingsAndEraseRemovesThem() throws Exception {
        DockerConfigFile config = file("{\"detachKeys\": \"ctrl-x\", \"auths\": {}}");
        DockerCredentials credentials = new DockerCredentials(config);
        credentials.store("127.0.0.1:5000", new Credentials("me", "pw"));
        credentials.store("docker.io", new Credentials("hub", "x"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path())));
        var json = Json.MAPPER.readTree(config.path().toFile());
        assertEquals("ctrl-x", json.get("detachKeys").asText());
        assertEquals("bWU6cHc=", json.at("/auths/127.0.0.1:5000/auth").asText());
        assertTrue(json.get("auths").has(DockerCredentials.DOCKER_HUB_KEY));
        assertEquals(Optional.of(new Credentials("me", "pw")), credentials.lookup("127.0.0.1:5000"));

        assertTrue(credentials.erase("127.0.0.1:5000"));
        assertFalse(credentials.erase("127.0.0.1:5000"));
        assertEquals(Optional.empty(), credentials.lookup("127.0.0.1:5000"));
        assertEquals(Optional.of(new Credentials("hub", "x")), credentials.lookup("docker.io"));
    }

    @Test
    void credHelpersAndCredsStoreGoThroughDockerCredentialPrograms() throws Exception {
        Path helperState = temp.resolve("helper-state");
        Path helper = temp.resolve("docker-credential-fake");
        // a credential helper keeping one secret in a file: get prints it, store saves stdin, erase removes it
        Files.writeString(helper, """
                #!/bin/sh
                case "$1" in
                  get) read url; if [ -f "%1$s" ]; then cat "%1$s"; else echo "credentials not found in native keychain"; exit 1; fi ;;
                  store) cat > "%1$s" ;;
                  erase) rm -f "%1$s" ;;
                esac
                """.formatted(helperState));
        helper.toFile().setExecutable(true);
        DockerConfigFile config = file("{\"credHelpers\": {\"127.0.0.1:5000\": \"fake\"}}");
        DockerCredentials credentials = new DockerCredentials(config,
                name -> new CredentialHelper(temp.resolve("docker-credential-" + name)));

        assertEquals(Optional.empty(), credentials.lookup("127.0.0.1:5000"));
        credentials.store("127.0.0.1:5000", new Credentials("helped", "secret"));
        assertTrue(Files.readString(helperState).contains("\"Secret\":\"secret\""), "the secret went to the helper");
        assertFalse(Files.readString(config.path()).contains("secret"), "and not into config.json");
        assertEquals(Optional.of(new Credentials("helped", "secret")), credentials.lookup("127.0.0.1:5000"));
        assertEquals(Optional.empty(), credentials.lookup("elsewhere.example"), "no helper and no auths entry");

        DockerCredentials viaStore = new DockerCredentials(file("{\"credsStore\": \"fake\"}"),
                name -> new CredentialHelper(temp.resolve("docker-credential-" + name)));
        assertEquals(Optional.of(new Credentials("helped", "secret")), viaStore.lookup("anything.example"));
        assertTrue(credentials.erase("127.0.0.1:5000"));
        assertFalse(Files.exists(helperState));
    }

    @Test
    void theConfigFileLocationFollowsDockerConfig() {
        assertEquals(Path.of("/x/cfg/config.json"), DockerConfigFile.locate(Map.of("DOCKER_CONFIG", "/x/cfg")).path());
        assertEquals(Path.of(System.getProperty("user.home"), ".docker", "config.json"),
                DockerConfigFile.locate(Map.of()).path());
    }

    @Test
    void challengesAreParsedWithQuotedCommas() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.example/token\",service=\"reg\","
                + "scope=\"repository:a/b:pull,push\"").orElseThrow();
        assertTrue(c.isBearer());
        assertEquals(Optional.of("https://auth.example/token"), c.parameter("realm"));
        assertEquals(Optional.of("repository:a/b:pull,push"), c.parameter("scope"));
        assertTrue(AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow().isBasic());
    }
}
