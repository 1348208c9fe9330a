package dev.berth.embedded.shim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The files a container's berth-shim keeps in the container's run directory: {@code shim.pid} (the monitor, while
 * it runs), {@code pid} (the container's init), {@code exit} (how the init ended, written last) and
 * {@code shim.log} (the monitor's own complaints); and its sockets (see {@link ShimSockets}): attach and resize while
 * the container runs, and runc's console socket while a container with a terminal starts.
 */
public final class ShimDirectory {
    static final String SHIM_PID = "shim.pid";
    static final String INIT_PID = "pid";
    static final String EXIT = "exit";
    static final String LOG = "shim.log";
    private static final Path PROC = Path.of("/proc");
    /** Until what age a just started init is waited for to take a signal (see {@link InitReadiness}). */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final Path dir;
    private final Path socket;
    private final Path console;

    ShimDirectory(Path dir, Path socket, Path console) {
        this.dir = dir;
        this.socket = socket;
        this.console = console;
    }

    public Path path() {
        return dir;
    }

    public Path socket() {
        return socket;
    }

    Path console() {
        return console;
    }

    Path exitFile() {
        return dir.resolve(EXIT);
    }

    /** Removes what an earlier shim left behind, before a new one starts the container again. */
    public void clear() {
        List<Path> files = new java.util.ArrayList<>(List.of(socket, console));
        for (String name : List.of(EXIT, EXIT + ".tmp", INIT_PID, SHIM_PID, LOG)) {
            files.add(dir.resolve(name));
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new ShimException("cannot remove " + file + ": " + e.getMessage());
            }
        }
    }

    /** The exit record, once the shim wrote it. */
    public Optional<ShimExit> exit() {
        return read(EXIT).flatMap(ShimExit::parse);
    }

    /** Forgets the exit record once the engine has recorded it. */
    public void consumeExit() {
        try {
            Files.deleteIfExists(exitFile());
        } catch (IOException e) {
            // kept: a later recovery sees that the record already has this exit
        }
    }

    /** The container's init pid, once the shim started it. */
    public OptionalInt initPid() {
        return pid(INIT_PID);
    }

    /** When the shim started the container (the time of its init pid file), if it did. */
    public Optional<Instant> startedAt() {
        try {
            FileTime time = Files.getLastModifiedTime(dir.resolve(INIT_PID));
            return Optional.of(time.toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a shim ever ran here since the last {@link #clear}: it leaves its pid file or its exit record. */
    public boolean used() {
        return Files.exists(dir.resolve(SHIM_PID)) || Files.exists(exitFile());
    }

    /** Whether the shim that wrote {@code shim.pid} still runs: that pid is a berth-shim for this container. */
    public boolean shimAlive(String containerId) {
        OptionalInt pid = pid(SHIM_PID);
        if (pid.isEmpty()) {
            return false;
        }
        try {
            String commandLine = new String(Files.readAllBytes(Path.of("/proc", Integer.toString(pid.getAsInt()),
                    "cmdline")), StandardCharsets.UTF_8);
            return commandLine.contains(ShimBinary.FILE_NAME) && commandLine.contains("\0" + containerId + "\0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Sets the size of the container's terminal through the shim. */
    public void resize(int rows, int cols) throws IOException {
        ShimControl.resize(socket(), rows, cols);
    }

    /**
     * Sends a signal to the container's init through the shim, its parent, without starting a process; a just
     * started init is first given up to a second to take it (see {@link InitReadiness}). False when the shim could
     * not (it has ended, the init has ended, or it is a shim without this command) or the init still runs runc's own
     * code, so that the caller can ask the runtime instead, which reports why it cannot either.
     */
    public boolean signal(int number) {
        OptionalInt init = initPid();
        if (init.isEmpty() || !InitReadiness.await(PROC, init.getAsInt(), number, SETTLE)) {
            return false;
        }
        try {
            return ShimControl.signal(socket(), number);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines the shim complained with, for error messages. */
    public String complaints() {
        return read(LOG).map(String::strip).orElse("");
    }

    private OptionalInt pid(String name) {
        Optional<String> text = read(name).map(String::strip);
        try {
            return text.isEmpty() || text.get().isEmpty() ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(text.get()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private Optional<String> read(String name) {
        try {
            return Optional.of(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
