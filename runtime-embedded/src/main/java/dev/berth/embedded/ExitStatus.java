package dev.berth.embedded;

/** How a container's main process ended: exit code (128+n for signal n) and whether the OOM killer was involved. */
public record ExitStatus(int exitCode, boolean oomKilled) {
}
