package dev.berth.api;

import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.UpRequest;
import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.model.load.LoadOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.load.ProjectLoader;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.LabelSelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compose files and projects for tests on the fake runtime (its image {@code busybox:latest} runs FakeShell). */
public final class FakeStacks {
    /** A web service that logs a line and runs until stopped, with a named volume and the default network. */
    public static final String WEB = """
            services:
              web:
                image: busybox:latest
                command: ["sh", "-c", "echo web listening; sleep infinity"]
                volumes: ["data:/data"]
            volumes:
              data: {}
            """;

    private FakeStacks() {
    }

    public static Path write(Path dir, String yaml) {
        try {
            return Files.writeString(dir.resolve("compose.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoadedProject load(Path file, String project) {
        return ProjectLoader.load(LoadOptions.defaults(file.getParent(), Map.of())
                .withFiles(List.of(file.toString())).withProjectName(Optional.of(project)));
    }

    /** Brings {@code project} up on {@code runtime} as the CLI would. */
    public static void up(ContainerRuntime runtime, Path file, String project) throws InterruptedException {
        ComposeEngine engine = new ComposeEngine(runtime, Clock.systemUTC(), ExecutorOptions.defaults(), "test");
        if (!engine.up(load(file, project), UpRequest.of(PlanOptions.defaults()), e -> { }).succeeded()) {
            throw new AssertionError("up of " + project + " failed");
        }
    }

    /** The names of every container, network and volume of {@code project}. */
    public static List<String> resources(ContainerRuntime runtime, String project) {
        LabelSelector selector = LabelSelector.of("com.docker.compose.project", project);
        return java.util.stream.Stream.of(
                runtime.list(selector).stream().map(c -> "container " + c.name()),
                runtime.listNetworks(selector).stream().map(n -> "network " + n.name()),
                runtime.listVolumes(selector).stream().map(v -> "volume " + v.name())).flatMap(s -> s).toList();
    }
}
