package dev.berth.bench;

import dev.berth.model.load.LoadOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.load.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Loads a generated project of {@code services} services through the whole pipeline, as `berth config` does. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProjectLoadBenchmark {

    @Param({"200"})
    int services;

    private LoadOptions options;
    private Path dir;

    @Setup
    public void writeProject() throws IOException {
        dir = Files.createTempDirectory("berth-bench");
        Files.writeString(dir.resolve("compose.yaml"), GeneratedProject.yaml(services));
        options = LoadOptions.defaults(dir, Map.of("TAG", "2.0")).withFiles(List.of("compose.yaml"));
    }

    @TearDown
    public void removeProject() throws IOException {
        Files.delete(dir.resolve("compose.yaml"));
        Files.delete(dir);
    }

    @Benchmark
    public LoadedProject load() {
        return ProjectLoader.load(options);
    }
}
