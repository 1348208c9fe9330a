package dev.berth.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * berth running in its own JVM with the test's class path, its output captured in files, so that a test can wait
 * for a line, send it signals and collect its exit code. {@link #close()} kills it if it is still running.
 */
final class BerthProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private BerthProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code berth ARGS} in {@code dir} with {@code env} added to this JVM's environment. */
    static BerthProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, env, Set.of(), args);
    }

    /** {@link #start(Path, Map, String...)} with the variables {@code unset} left out of the environment. */
    static BerthProcess start(Path dir, Map<String, String> env, Set<String> unset, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().keySet().removeAll(unset);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("berth-process", ".out");
        Path err = Files.createTempFile("berth-process", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new BerthProcess(pb.start(), out, err);
    }

    /** Waits until stdout or stderr contains {@code text}; fails after {@code limit} or when berth exits first. */
    void awaitOutput(String text, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!(out() + err()).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("berth never printed '" + text + "' (alive: " + process.isAlive()
                        + ")\nstdout:\n" + out() + "\nstderr:\n" + err());
            }
            Thread.sleep(50);
        }
    }

    /** Sends SIGINT (what Ctrl-C in a terminal does) to the berth process. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -INT " + process.pid() + " failed");
        }
    }

    /** The exit code once berth has exited; fails after {@code limit}. */
    int exitCode(Duration limit) throws InterruptedException, IOException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("berth did not exit within " + limit + "\nstdout:\n" + out() + "\nstderr:\n"
                    + err());
        }
        return process.exitValue();
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}
