package dev.berth.embedded;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Where the engine keeps state ({@code root}: images, containers, logs; survives reboots) and runtime files
 * ({@code runDir}: runc state, pid files; a tmpfs such as /run), which OCI runtime to prefer, and the clock.
 */
public record EngineOptions(Path root, Path runDir, String runtime, Clock clock) {
    public static EngineOptions defaults() {
        return new EngineOptions(Path.of("/var/lib/berth"), Path.of("/run/berth"), "runc", Clock.systemUTC());
    }

    public static EngineOptions at(Path root, Path runDir) {
        return new EngineOptions(root, runDir, "runc", Clock.systemUTC());
    }

    public EngineOptions withRuntime(String name) {
        return new EngineOptions(root, runDir, name, clock);
    }
}
