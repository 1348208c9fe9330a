package dev.berth.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.berth.api.BerthStack;
import dev.berth.api.RunningStack;
import dev.berth.api.wait.WaitStrategy;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.spi.EmbeddedRuntime;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.junit.BerthExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Measures the JUnit extension's up + wait + down of a two-service stack on the embedded engine (in this JVM,
 * through the JUnit test kit) against {@code berth up --wait} + {@code berth down -v} of the same stack as two CLI
 * processes (JVM start included, as a CI script pays it). Run by {@code bench/junit-overhead.sh}; arguments:
 * ROUNDS CLI_CLASSPATH. Needs root and runc. Prints the medians and their ratio.
 */
public final class ExtensionOverhead {
    static Path root;
    static Path runDir;
    static Path file;

    private ExtensionOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String cliClasspath = args[1];
        root = Files.createTempDirectory("berth-bench-root");
        runDir = Files.createTempDirectory("berth-bench-run");
        Path project = Files.createTempDirectory("berth-bench-project");
        try {
            BusyboxImage.build(ImageStore.open(root.resolve("images")), "bench/busybox:latest",
                    Files.createTempDirectory(root, "image-work"));
            file = Files.writeString(project.resolve("compose.yaml"), """
                    services:
                      db:
                        image: bench/busybox:latest
                        command: ["sh", "-c", "touch /tmp/ready; exec sleep 600"]
                        healthcheck:
                          test: ["CMD", "test", "-f", "/tmp/ready"]
                          interval: 1s
                      app:
                        image: bench/busybox:latest
                        command: ["sh", "-c", "echo app started; exec sleep 600"]
                        depends_on:
                          db: {condition: service_healthy}
                    """);
            long[] extension = new long[rounds];
            long[] cli = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(StackTest.class)).execute();
                if (results.testEvents().succeeded().count() != 1) {
                    throw new IllegalStateException("the benchmark test failed: " + results.allEvents().list());
                }
                extension[i] = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                cli(cliClasspath, project, "up", "--wait");
                cli(cliClasspath, project, "down", "-v", "-t", "2");
                cli[i] = System.nanoTime() - t1;
            }
            long ext = median(extension);
            long plain = median(cli);
            String report = String.format("rounds %d: extension up+wait+down median %d ms (runs %s); berth up --wait +"
                    + " down -v median %d ms (runs %s); ratio extension/cli = %.2f%n", rounds, ext / 1_000_000,
                    ms(extension), plain / 1_000_000, ms(cli), (double) ext / plain);
            System.out.print(report);
        } finally {
            for (Path dir : List.of(project, runDir, root)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    private static void cli(String classpath, Path project, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, "dev.berth.cli.Main",
                "--progress", "quiet"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).inheritIO();
        pb.environment().put("BERTH_ROOT", root.toString());
        pb.environment().put("BERTH_RUN_DIR", runDir.toString());
        pb.environment().put("BERTH_RUNTIME", "embedded");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("berth " + String.join(" ", args) + " failed");
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String ms(long[] values) {
        return Arrays.toString(Arrays.stream(values).map(v -> v / 1_000_000).toArray());
    }

    /** The stack the extension starts and takes down, once per round. */
    public static final class StackTest {
        @RegisterExtension
        static final BerthExtension STACK = BerthExtension.of(BerthStack.fromFile(file)
                .runtime(() -> EmbeddedRuntime.open(EngineOptions.at(root, runDir)))
                .waitFor("db", WaitStrategy.healthy())
                .waitFor("app", WaitStrategy.logMessage("app started")));

        @Test
        void up(RunningStack stack) {
            if (!stack.service("app").logs().contains("app started")) {
                throw new AssertionError(stack.service("app").logs());
            }
        }
    }
}
