package dev.berth.cli.e2e;

import dev.berth.docker.TestDockerDaemon;
import java.io.IOException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The samples' end-to-end checks on a Docker Engine: a private Debian dockerd, driven with {@code --runtime docker}.
 * Their Dockerfiles copy from a named local context ({@code additional_contexts}), which dockerd's classic builder
 * gets folded into the build context.
 */
class SamplesOnDockerEndToEndTest extends SamplesEndToEndTest {
    @RegisterExtension
    static final TestDockerDaemon DOCKER = new TestDockerDaemon();

    @Override
    EngineUnderTest engine() throws IOException {
        return EngineUnderTest.create("samples-docker").withVariable("BERTH_RUNTIME", "docker")
                .withVariable("DOCKER_HOST", DOCKER.endpoint().host().toString());
    }
}
