package dev.berth.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.api.cleanup.StackOwner;
import dev.berth.docker.DockerRuntime;
import dev.berth.docker.TestDockerDaemon;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LabelSelector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Docker Engine ({@link TestDockerDaemon}: the one the environment names, or a private dockerd) with the busybox
 * test image tagged {@value #IMAGE}. Register it before the {@link BerthExtension}: its afterAll runs after the
 * stack's teardown, checks that no container of this JVM is left and removes the tag. Skips the class without
 * Docker.
 */
final class DockerEngineHost implements BeforeAllCallback, AfterAllCallback {
    static final String IMAGE = "berth-junit-docker/busybox:latest";

    private final TestDockerDaemon daemon = new TestDockerDaemon();
    private boolean started;

    @Override
    public void beforeAll(ExtensionContext context) {
        daemon.beforeAll(context);
        try (ContainerRuntime runtime = DockerRuntime.connect(daemon.endpoint())) {
            runtime.tagImage(daemon.image(), ImageRef.of(IMAGE));
        }
        started = true;
    }

    ContainerRuntime open() {
        return DockerRuntime.connect(daemon.endpoint());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!started) {
            return;
        }
        try (ContainerRuntime runtime = open()) {
            List<ContainerSummary> left = runtime.list(LabelSelector.of(StackOwner.PID_LABEL,
                    Long.toString(ProcessHandle.current().pid())));
            runtime.removeImage(ImageRef.of(IMAGE), false);
            assertEquals(List.of(), left.stream().map(ContainerSummary::name).toList(), "containers left behind");
        }
    }
}
