package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A berth engine of one test's own, driven through the berth command in separate processes: its state
 * ({@code BERTH_ROOT}) and run directory ({@code BERTH_RUN_DIR}) are fresh temporary directories, so the first
 * command starts an engine daemon no other test shares, and commands run in a project directory of their own.
 * {@link #close()} takes the project down with its volumes, stops the engine, checks its process is gone and
 * removes the directories, whatever the test did before.
 */
final class EngineUnderTest implements AutoCloseable {
    /** The FROM-scratch busybox image that {@link #withBusybox} puts into the engine's image store. */
    static final String BUSYBOX = "e2e/busybox:latest";
    /** How long one command may take; building images on a shared machine is the slowest. */
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(4);

    private final Path root;
    private final Path runDir;
    private final Path project;
    private final Map<String, String> variables = new HashMap<>();
    private final Set<String> unset = new HashSet<>();

    /** One berth command's exit code and output. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private EngineUnderTest(Path root, Path runDir, Path project) {
        this.root = root;
        this.runDir = runDir;
        this.project = project;
        variables.put("BERTH_ROOT", root.toString());
        variables.put("BERTH_RUN_DIR", runDir.toString());
    }

    /**
     * An engine with an empty image store; skips the test where containers cannot run. {@code label} names the
     * temporary directories.
     */
    static EngineUnderTest create(String label) throws IOException {
        ContainerHost.assumeContainersCanRun();
        return new EngineUnderTest(Files.createTempDirectory("berth-e2e-" + label + "-root"),
                Files.createTempDirectory("berth-e2e-" + label + "-run"),
                Files.createTempDirectory("berth-e2e-" + label + "-project"));
    }

    /** {@link #create} with {@value #BUSYBOX} in the image store. */
    static EngineUnderTest withBusybox(String label) throws IOException {
        EngineUnderTest engine = create(label);
        try {
            BusyboxImage.build(ImageStore.open(engine.root.resolve("images")), BUSYBOX,
                    Files.createTempDirectory(engine.root, "image-work"));
            return engine;
        } catch (RuntimeException | IOException e) {
            engine.removeDirectories();
            throw e;
        }
    }

    /** Sets {@code name=value} in the environment of every later command. */
    EngineUnderTest withVariable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** Leaves {@code name} out of the environment of every later command, even when the test's JVM has it. */
    EngineUnderTest withoutVariable(String name) {
        unset.add(name);
        return this;
    }

    /** The variables every command gets: {@code BERTH_ROOT}, {@code BERTH_RUN_DIR} and those set with
     * {@link #withVariable}; for a berth process the test starts itself (a shell under tmux). */
    Map<String, String> environment() {
        return Map.copyOf(variables);
    }

    /** The engine's state directory ({@code BERTH_ROOT}). */
    Path root() {
        return root;
    }

    /** The engine's run directory ({@code BERTH_RUN_DIR}): its socket and pid file. */
    Path runDir() {
        return runDir;
    }

    /** The directory the commands run in. */
    Path project() {
        return project;
    }

    /** Writes {@code yaml} as the project's {@code compose.yaml}. */
    void writeCompose(String yaml) throws IOException {
        Files.writeString(project.resolve("compose.yaml"), yaml);
    }

    /** The pid of the engine daemon, from its pid file, while there is one. */
    Optional<Long> enginePid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(runDir.resolve("engine.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The names of the files in {@code dir} below the engine's root, sorted; none when it does not exist. */
    List<String> stateFileNames(String dir) throws IOException {
        Path path = root.resolve(dir);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** The lines of {@code /proc/self/mounts} that name something below the engine's root. */
    List<String> mountsBelowRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().filter(l -> l.contains(root + "/")).toList();
    }

    /** Runs {@code berth --progress plain ARGS} to its end; fails when it takes longer than a few minutes. */
    Run berth(String... args) throws IOException, InterruptedException {
        return berth(Map.of(), args);
    }

    /** {@link #berth(String...)} with {@code env} added to the command's environment. */
    Run berth(Map<String, String> env, String... args) throws IOException, InterruptedException {
        try (BerthProcess process = start(env, args)) {
            int code = process.exitCode(COMMAND_LIMIT);
            return new Run(code, process.out(), process.err());
        }
    }

    /** Starts {@code berth --progress plain ARGS} in the background; the caller closes it. */
    BerthProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    private BerthProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("--progress", "plain"));
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(variables);
        all.putAll(env);
        return BerthProcess.start(project, all, unset, command.toArray(String[]::new));
    }

    /**
     * {@code down -v} of the project (every profile, no stop grace period), {@code berth engine stop}, then checks
     * that the engine's process is gone and {@code berth engine status} says so. The directories are removed in
     * any case, unless something is still mounted below the root: deleting through a mount could reach the host's
     * files, so they are left for a look and the test fails.
     */
    @Override
    public void close() throws Exception {
        Throwable failure = null;
        try {
            takeDownAndStop();
        } catch (Exception | Error e) {
            failure = e;
        }
        try {
            removeDirectories();
        } catch (Exception | Error e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure instanceof Exception e) {
            throw e;
        } else if (failure != null) {
            throw (Error) failure;
        }
    }

    private void takeDownAndStop() throws IOException, InterruptedException {
        berth("--profile", "*", "down", "-v", "-t", "0");
        Optional<ProcessHandle> engine = enginePid().flatMap(ProcessHandle::of);
        Run stop = berth("engine", "stop");
        if (engine.isPresent() && engine.get().isAlive()) {
            engine.get().destroyForcibly();
            throw new AssertionError("the engine (pid " + engine.get().pid() + ") still ran after berth engine stop;"
                    + " killed it: " + stop.all());
        }
        assertEquals(0, stop.code(), "berth engine stop: " + stop.all());
        Run status = berth("engine", "status");
        assertEquals(1, status.code(), status.all());
        assertTrue(status.out().contains("not running"), status.out());
    }

    private void removeDirectories() throws IOException {
        List<String> mounts = mountsBelowRoot();
        if (!mounts.isEmpty()) {
            throw new AssertionError("still mounted below the engine's root, so " + root + ", " + runDir + " and "
                    + project + " are left for a look: " + mounts);
        }
        for (Path dir : List.of(project, runDir, root)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
