package dev.berth.cli.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server process recorded in a pid file, if it is alive and really a berth CLI server: a stale pid file may
 * name a process that has since reused the number, and that one must never be signalled.
 */
final class ServerProcess {
    private ServerProcess() {
    }

    static Optional<ProcessHandle> find(ServerPaths paths) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(paths.pidFile()).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(p -> p.isAlive() && isCliServer(pid));
    }

    private static boolean isCliServer(long pid) {
        try {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8);
            return cmdline.contains("\0cli-server");
        } catch (IOException e) {
            return false;
        }
    }
}
