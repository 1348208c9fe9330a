package dev.berth.daemon;

import dev.berth.embedded.registry.LocalRegistry;
import dev.berth.embedded.registry.TestCertificates;
import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test engine and Debian's docker-registry on 127.0.0.1, for a whole test class ({@code @RegisterExtension
 * static}): skips the class when the registry is not installed; both stop and their directories are deleted after
 * the class.
 */
final class RegistryEngine implements BeforeAllCallback, AfterAllCallback {
    /** Starts the registry with its files below {@code dir} (the fixture's temporary directory). */
    @FunctionalInterface
    private interface RegistryStarter {
        LocalRegistry start(Path dir) throws IOException, InterruptedException;
    }

    private final RegistryStarter starter;
    private TestEngine engine;
    private LocalRegistry registry;
    private Path temp;

    private RegistryEngine(RegistryStarter starter) {
        this.starter = starter;
    }

    /** A registry that lets anyone pull and push, over plain HTTP. */
    static RegistryEngine anonymous() {
        return new RegistryEngine(dir -> LocalRegistry.anonymous(Files.createDirectories(dir.resolve("registry"))));
    }

    /** A registry over TLS (a test CA's certificate) that wants {@code user}'s {@code password} (htpasswd). */
    static RegistryEngine basicAuthTls(String user, String password) {
        return new RegistryEngine(dir -> {
            Path pki = Files.createDirectories(dir.resolve("pki"));
            TestCertificates certs = TestCertificates.create(pki);
            Path htpasswd = TestCertificates.htpasswd(pki, user, password);
            return LocalRegistry.basicAuthTls(Files.createDirectories(dir.resolve("registry")), htpasswd,
                    certs.serverCertificate(), certs.serverKey());
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        LocalRegistry.assumeInstalled();
        engine = TestEngine.start();
        temp = Files.createTempDirectory("berth-daemon-registry");
        registry = starter.start(temp);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (registry != null) {
                registry.close();
            }
            if (engine != null) {
                engine.close();
            }
        } finally {
            if (temp != null) {
                Files2.deleteTree(temp);
            }
        }
    }

    TestEngine engine() {
        return engine;
    }

    /** The registry's {@code host:port}. */
    String address() {
        return registry.address();
    }

    /** A directory for the class's files (client configurations, build contexts), deleted after the class. */
    Path temp() {
        return temp;
    }
}
