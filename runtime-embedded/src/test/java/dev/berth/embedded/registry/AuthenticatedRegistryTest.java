package dev.berth.embedded.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.distribution.ImagePuller;
import dev.berth.embedded.distribution.ImagePusher;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.Platform;
import dev.berth.embedded.registry.auth.CredentialSource;
import dev.berth.embedded.registry.auth.Credentials;
import dev.berth.embedded.registry.auth.DockerConfigFile;
import dev.berth.embedded.registry.auth.DockerCredentials;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.runtime.ImageName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-registry with htpasswd basic auth over TLS (a CA made by the test), and with token auth (a token server of
 * the test): credentials from a Docker config file in a temp dir, wrong and missing credentials refused clearly.
 */
class AuthenticatedRegistryTest {
    private static final String USER = "berth";
    private static final String PASSWORD = "s3cret-pass";
    @TempDir
    static Path temp;
    static TestCertificates certificates;
    static LocalRegistry tlsRegistry;
    static LocalRegistry tokenRegistry;
    static TokenServer tokenServer;
    static Path certsDir;

    @BeforeAll
    static void start() throws Exception {
        BusyboxImage.assumeBusybox();
        LocalRegistry.assumeInstalled();
        certificates = TestCertificates.create(Files.createDirectories(temp.resolve("pki")));
        Path htpasswd = TestCertificates.htpasswd(temp.resolve("pki"), USER, PASSWORD);
        tlsRegistry = LocalRegistry.basicAuthTls(Files.createDirectories(temp.resolve("tls-registry")), htpasswd,
                certificates.serverCertificate(), certificates.serverKey());
        certsDir = temp.resolve("certs.d");
        Path caDir = Files.createDirectories(certsDir.resolve(tlsRegistry.address()));
        Files.copy(certificates.caCertificate(), caDir.resolve("ca.crt"));

        tokenServer = new TokenServer(USER, PASSWORD, certificates.caKey(), certificates.caCertificate());
        tokenRegistry = LocalRegistry.tokenAuth(Files.createDirectories(temp.resolve("token-registry")),
                tokenServer.realm(), TokenServer.SERVICE, TokenServer.ISSUER, certificates.caCertificate());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {tlsRegistry, tokenRegistry, tokenServer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // keep stopping the others
            }
        }
    }

    /** TLS verified against the test's CA only: loopback is not treated as insecure here. */
    private static RegistryClient verifiedClient(CredentialSource credentials) {
        return new RegistryClient(RegistryOptions.defaults(credentials).withCertsDir(certsDir).withLoopbackInsecure(false));
    }

    /** The token registry speaks plain http on loopback, which counts as insecure by default, as in Docker. */
    private static RegistryClient loopbackClient(CredentialSource credentials) {
        return new RegistryClient(RegistryOptions.defaults(credentials).withCertsDir(certsDir));
    }

    private static DockerCredentials loggedIn(String name, String registry, String password) throws Exception {
        DockerCredentials credentials = new DockerCredentials(new DockerConfigFile(
                Files.createDirectories(temp.resolve(name)).resolve("config.json")));
        credentials.store(registry, new Credentials(USER, password));
        return credentials;
    }

    private static void roundTrip(RegistryClient client, String address, String repository) throws Exception {
        ImageStore source = ImageStore.open(Files.createDirectories(temp.resolve(repository.replace('/', '-') + "-src")));
        ImageName name = ImageName.parse(address + "/" + repository + ":1");
        Image built = BusyboxImage.build(source, name.familiar(), Files.createDirectories(temp.resolve(repository.replace('/', '-') + "-work")));
        try (ImagePusher pusher = new ImagePusher(client, source)) {
            assertEquals(2, pusher.push(name, e -> { }).uploadedBlobs());
        }
        ImageStore target = ImageStore.open(Files.createDirectories(temp.resolve(repository.replace('/', '-') + "-dst")));
        try (ImagePuller puller = new ImagePuller(client, target)) {
            assertEquals(built.id(), puller.pull(name, Platform.host(), e -> { }).imageId());
        }
    }

    @Test
    void basicAuthOverTlsWithTheTestCaPushesAndPulls() throws Exception {
        roundTrip(verifiedClient(loggedIn("cfg-ok", tlsRegistry.address(), PASSWORD)), tlsRegistry.address(), "secure/busybox");
    }

    @Test
    void wrongPasswordIsOneClearMessageNamingTheRegistryAndBerthLogin() throws Exception {
        RegistryClient client = verifiedClient(loggedIn("cfg-wrong", tlsRegistry.address(), "wrong"));
        RegistryException e = assertThrows(RegistryException.class, () -> client.fetchManifest(
                ImageName.parse(tlsRegistry.address() + "/secure/anything:1")));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("registry " + tlsRegistry.address() + " refused the credentials for user 'berth'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("berth login " + tlsRegistry.address()), e.getMessage());
    }

    @Test
    void noStoredCredentialsAsksForBerthLogin() {
        RegistryClient client = verifiedClient(CredentialSource.NONE);
        RegistryException e = assertThrows(RegistryException.class, () -> client.verifyLogin(tlsRegistry.address()));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("registry " + tlsRegistry.address() + " requires authentication"), e.getMessage());
        assertTrue(e.getMessage().contains("run `berth login " + tlsRegistry.address() + "`"), e.getMessage());
    }

    @Test
    void anUntrustedCertificateIsRefusedUnlessTheRegistryCountsAsInsecure() {
        RegistryClient strict = new RegistryClient(RegistryOptions.defaults(registry -> Optional.of(new Credentials(USER, PASSWORD)))
                .withCertsDir(temp.resolve("empty-certs.d")).withLoopbackInsecure(false));
        RegistryException e = assertThrows(RegistryException.class, () -> strict.verifyLogin(tlsRegistry.address()));
        assertEquals(RegistryException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("cannot reach registry " + tlsRegistry.address()), e.getMessage());
        assertTrue(e.getMessage().contains("TLS certificate is not trusted"), e.getMessage());

        RegistryClient loopbackInsecure = new RegistryClient(RegistryOptions.defaults(
                registry -> Optional.of(new Credentials(USER, PASSWORD))).withCertsDir(temp.resolve("empty-certs.d")));
        loopbackInsecure.verifyLogin(tlsRegistry.address());
    }

    @Test
    void insecureRegistriesByNameOrNetworkAreSpokenToWithoutVerifyingTheirCertificate() {
        RegistryOptions strict = RegistryOptions.defaults(registry -> Optional.of(new Credentials(USER, PASSWORD)))
                .withCertsDir(temp.resolve("empty-certs.d"));
        for (String entry : List.of(tlsRegistry.address(), "127.0.0.0/8")) {
            new RegistryClient(strict.withInsecure(InsecureRegistries.parse(List.of(entry)).withLoopback(false)))
                    .verifyLogin(tlsRegistry.address());
        }
        RegistryClient otherPort = new RegistryClient(strict.withInsecure(InsecureRegistries.parse(
                List.of("127.0.0.1:1")).withLoopback(false)));
        assertEquals(RegistryException.Kind.UNREACHABLE, assertThrows(RegistryException.class,
                () -> otherPort.verifyLogin(tlsRegistry.address())).kind());
    }

    @Test
    void perCallCredentialsComeBeforeTheConfiguredOnes() throws Exception {
        RegistryClient configuredWrong = verifiedClient(loggedIn("cfg-per-call", tlsRegistry.address(), "wrong"));
        assertThrows(RegistryException.class, () -> configuredWrong.verifyLogin(tlsRegistry.address()));
        configuredWrong.withCredentials(r -> Optional.of(new Credentials(USER, PASSWORD)))
                .verifyLogin(tlsRegistry.address());
    }

    @Test
    void tokenAuthGetsABearerTokenForTheScopeAndPushesAndPulls() throws Exception {
        int before = tokenServer.issued();
        roundTrip(loopbackClient(loggedIn("cfg-token", tokenRegistry.address(), PASSWORD)), tokenRegistry.address(),
                "tokens/busybox");
        assertTrue(tokenServer.issued() > before, "tokens came from the token server");
    }

    @Test
    void aLoginCheckAgainstATokenRegistryNeedsNoRepository() throws Exception {
        loopbackClient(loggedIn("cfg-token-login", tokenRegistry.address(), PASSWORD)).verifyLogin(tokenRegistry.address());
        RegistryException e = assertThrows(RegistryException.class, () -> loopbackClient(
                loggedIn("cfg-token-login-wrong", tokenRegistry.address(), "nope")).verifyLogin(tokenRegistry.address()));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
    }

    @Test
    void tokenAuthWithWrongCredentialsNamesTheRegistryAndTheTokenServer() throws Exception {
        RegistryClient client = loopbackClient(loggedIn("cfg-token-wrong", tokenRegistry.address(), "nope"));
        RegistryException e = assertThrows(RegistryException.class, () -> client.fetchManifest(
                ImageName.parse(tokenRegistry.address() + "/tokens/anything:1")));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("registry " + tokenRegistry.address() + " refused the credentials"), e.getMessage());
        assertTrue(e.getMessage().contains(tokenServer.realm()), e.getMessage());
        assertTrue(e.getMessage().contains("berth login"), e.getMessage());
    }
}
