package dev.berth.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test engine and the docker CLI pointed at it, for a whole test class ({@code @RegisterExtension static}):
 * skips the class when the CLI is not installed; the CLI's configuration lives in the engine's scratch directory and
 * goes with the engine after the class.
 */
final class DockerCliEngine implements BeforeAllCallback, AfterAllCallback {
    private TestEngine engine;
    private DockerCli docker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        DockerCli.assumeInstalled();
        engine = TestEngine.start();
        docker = new DockerCli(engine, Files.createDirectories(engine.scratch().resolve("docker-config")));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    TestEngine engine() {
        return engine;
    }

    DockerCli docker() {
        return docker;
    }

    /** A directory for the class's files (build contexts, copies), deleted after the class. */
    Path scratch() throws IOException {
        return engine.scratch();
    }
}
