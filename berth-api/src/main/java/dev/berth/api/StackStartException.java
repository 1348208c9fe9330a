package dev.berth.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A stack did not start: loading, creating or starting failed, or a service did not get ready. Says what, and
 * where the services' logs were saved.
 */
public final class StackStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Path> logFiles;

    public StackStartException(String message, List<Path> logFiles, Throwable cause) {
        super(message + (logFiles.isEmpty() ? "" : " (service logs: " + logFiles.get(0).getParent() + ")"), cause);
        this.logFiles = List.copyOf(logFiles);
    }

    /** The log file of each service, saved before the stack was taken down. */
    public List<Path> logFiles() {
        return logFiles;
    }
}
