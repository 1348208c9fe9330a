package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.docker.DockerRuntime;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.tck.ContainerRuntimeContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The runtime contract through the Docker backend (docker-java) against the engine daemon on a temporary socket. */
class DaemonRuntimeContractTest extends ContainerRuntimeContract {
    private static TestEngine engine;
    private static DockerRuntime runtime;

    @BeforeAll
    static void startDaemon() throws Exception {
        engine = TestEngine.start();
        runtime = DockerRuntime.connect(engine.endpoint());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (engine == null) {
            return;
        }
        List<String> left;
        try {
            left = runtime.list(LabelSelector.all()).stream().map(ContainerSummary::name).toList();
            for (ContainerSummary c : runtime.list(LabelSelector.all())) {
                runtime.remove(c.id(), true, true);
            }
            runtime.close();
        } finally {
            engine.close();
        }
        assertEquals(List.of(), left, "containers left behind");
    }

    @Override
    protected ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    protected ImageRef testImage() {
        return TestEngine.IMAGE;
    }
}
