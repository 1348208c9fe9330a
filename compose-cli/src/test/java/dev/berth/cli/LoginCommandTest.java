package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.registry.LocalRegistry;
import dev.berth.embedded.registry.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth login}/{@code logout} against docker-registry with htpasswd over TLS, config in a temp dir. */
class LoginCommandTest {
    @TempDir
    static Path temp;
    static LocalRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        LocalRegistry.assumeInstalled();
        TestCertificates certs = TestCertificates.create(Files.createDirectories(temp.resolve("pki")));
        Path htpasswd = TestCertificates.htpasswd(temp.resolve("pki"), "alice", "correct-horse");
        registry = LocalRegistry.basicAuthTls(Files.createDirectories(temp.resolve("registry")), htpasswd,
                certs.serverCertificate(), certs.serverKey());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void loginChecksTheCredentialsAndWritesConfigJsonWithMode0600AndLogoutRemovesThem() throws Exception {
        Path config = Files.createDirectories(temp.resolve("docker-config"));
        Cli.Result login = Cli.raw("login", "--config", config.toString(), "-u", "alice", "-p", "correct-horse",
                registry.address());
        assertEquals(0, login.code(), login.err());
        assertEquals("Login Succeeded\n", login.out());
        Path file = config.resolve("config.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains("\"" + registry.address() + "\""), Files.readString(file));

        Cli.Result logout = Cli.raw("logout", "--config", config.toString(), registry.address());
        assertEquals(0, logout.code(), logout.err());
        assertEquals("Removing login credentials for " + registry.address() + "\n", logout.out());
        assertFalse(Files.readString(file).contains(registry.address()));
        assertEquals("Not logged in to " + registry.address() + "\n",
                Cli.raw("logout", "--config", config.toString(), registry.address()).out());
    }

    @Test
    void wrongCredentialsAreOneMessageNamingTheRegistryAndNothingIsStored() throws Exception {
        Path config = Files.createDirectories(temp.resolve("docker-config-wrong"));
        Cli.Result login = Cli.raw("login", "--config", config.toString(), "-u", "alice", "-p", "battery-staple",
                registry.address());
        assertEquals(1, login.code());
        assertTrue(login.err().startsWith("berth: login to " + registry.address() + " failed: registry "
                + registry.address() + " refused the credentials for user 'alice'"), login.err());
        assertEquals(1, login.err().strip().lines().count(), login.err());
        assertFalse(Files.exists(config.resolve("config.json")));
    }
}
