package dev.berth.daemon;

import dev.berth.embedded.util.Files2;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test engine and the docker CLI pointed at it, for a whole test class ({@code @RegisterExtension static}):
 * skips the class when the CLI is not installed; the CLI's configuration lives in a temporary directory of its own,
 * deleted with the engine after the class.
 */
final class DockerCliEngine implements BeforeAllCallback, AfterAllCallback {
    private TestEngine engine;
    private Path temp;
    private DockerCli docker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        DockerCli.assumeInstalled();
        engine = TestEngine.start();
        temp = Files.createTempDirectory("berth-docker-cli");
        docker = new DockerCli(engine, Files.createDirectories(temp.resolve("config")));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
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

    DockerCli docker() {
        return docker;
    }

    /** A directory for the class's files (build contexts, copies), deleted after the class. */
    Path temp() {
        return temp;
    }
}
