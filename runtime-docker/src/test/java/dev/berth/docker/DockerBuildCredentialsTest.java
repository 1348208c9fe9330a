package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.registry.LocalRegistry;
import dev.berth.embedded.registry.TestCertificates;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.BuildFailedException;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build on dockerd whose FROM names an image on docker-registry with htpasswd basic auth on 127.0.0.1 (dockerd
 * treats loopback registries as insecure, so the test CA is not needed): the build's {@link BuildCredentials} reach
 * dockerd as {@code X-Registry-Config} and it pulls the base image; without them dockerd's refusal names the
 * registry.
 */
class DockerBuildCredentialsTest {
    private static final RegistryCredentials LOGIN = RegistryCredentials.of("alice", "correct-horse");

    @RegisterExtension
    static final TestDockerDaemon DOCKER = new TestDockerDaemon();

    @TempDir
    Path temp;

    @Test
    void aBuildPullsItsPrivateBaseImageWithTheCallsLoginsAndWithoutThemIsRefused() throws Exception {
        LocalRegistry.assumeInstalled();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        TestCertificates certs = TestCertificates.create(Files.createDirectories(temp.resolve("pki")));
        Path htpasswd = TestCertificates.htpasswd(temp.resolve("pki"), LOGIN.username(), LOGIN.password());
        try (LocalRegistry registry = LocalRegistry.basicAuthTls(Files.createDirectories(temp.resolve("registry")),
                htpasswd, certs.serverCertificate(), certs.serverKey());
             DockerRuntime docker = DockerRuntime.connect(DOCKER.endpoint())) {
            ImageRef base = ImageRef.of(registry.address() + "/private/base:" + unique);
            ImageRef built = ImageRef.of("berth-test/credentials-build:" + unique);
            Path context = Files.createDirectories(temp.resolve("context"));
            Files.writeString(context.resolve("Dockerfile"), "FROM " + base.value() + "\nRUN echo built > /built\n");
            BuildSpec spec = BuildSpec.builder(context, built).build();
            try {
                docker.tagImage(DOCKER.image(), base);
                docker.pushImage(base, Optional.of(LOGIN), e -> { });
                docker.removeImage(base, false);

                BuildFailedException refused = assertThrows(BuildFailedException.class,
                        () -> docker.build(spec, BuildCredentials.NONE, e -> { }));
                assertTrue(refused.getMessage().contains(registry.address()), refused.getMessage());

                ImageRef id = docker.build(spec, new BuildCredentials(Map.of(registry.address(), LOGIN)), e -> { });
                assertEquals(id.value(), docker.inspectImage(built).id());
                assertEquals(docker.inspectImage(DOCKER.image()).id(), docker.inspectImage(base).id(),
                        "the build pulled the base image");
            } finally {
                for (ImageRef ref : List.of(built, base)) {
                    try {
                        docker.removeImage(ref, true);
                    } catch (RuntimeException ignored) {
                        // not created when an earlier step failed
                    }
                }
            }
        }
    }
}
