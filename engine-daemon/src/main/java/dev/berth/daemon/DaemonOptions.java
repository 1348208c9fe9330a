package dev.berth.daemon;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the engine daemon listens and keeps state: {@code socket} (default {@code <runDir>/engine.sock}),
 * {@code root} for images, containers and volumes, {@code runDir} for runtime state, the pid file and the lock.
 */
public record DaemonOptions(Path socket, Path root, Path runDir) {
    public static final String ROOT_ENV = "BERTH_ROOT";
    public static final String RUN_DIR_ENV = "BERTH_RUN_DIR";
    public static final Path DEFAULT_ROOT = Path.of("/var/lib/berth");
    public static final Path DEFAULT_RUN_DIR = Path.of("/run/berth");
    public static final String SOCKET_NAME = "engine.sock";

    public DaemonOptions {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(runDir, "runDir");
    }

    /** The defaults, or {@code BERTH_ROOT} / {@code BERTH_RUN_DIR} from {@code env}. */
    public static DaemonOptions fromEnvironment(Map<String, String> env) {
        Path root = nonBlank(env.get(ROOT_ENV)) ? Path.of(env.get(ROOT_ENV)) : DEFAULT_ROOT;
        Path run = nonBlank(env.get(RUN_DIR_ENV)) ? Path.of(env.get(RUN_DIR_ENV)) : DEFAULT_RUN_DIR;
        return new DaemonOptions(run.resolve(SOCKET_NAME), root, run);
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    public DaemonOptions withSocket(Path value) {
        return new DaemonOptions(value, root, runDir);
    }

    public DaemonOptions withRoot(Path value) {
        return new DaemonOptions(socket, value, runDir);
    }

    public Path pidFile() {
        return runDir.resolve("engine.pid");
    }

    public Path lockFile() {
        return runDir.resolve("engine.lock");
    }

    public Path logFile() {
        return runDir.resolve("engine.log");
    }
}
