package dev.berth.daemon;

import dev.berth.embedded.registry.LocalRegistry;
import dev.berth.embedded.registry.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test engine and Debian's docker-registry on 127.0.0.1, for a whole test class ({@code @RegisterExtension
 * static}): skips the class when the registry is not installed; after the class both stop, and the registry's
 * files go with the engine's directory.
 */
final class RegistryEngine implements BeforeAllCallback, AfterAllCallback {
    /** Starts the registry with its files below {@code dir} (the engine's scratch directory). */
    @FunctionalInterface
    private interface RegistryStarter {
        LocalRegistry start(Path dir) throws IOException, InterruptedException;
    }

    private final RegistryStarter starter;
    private TestEngine engine;
    private LocalRegistry registry;

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
        registry = starter.start(engine.scratch());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (registry != null) {
                registry.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
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
    Path scratch() throws IOException {
        return engine.scratch();
    }
}
