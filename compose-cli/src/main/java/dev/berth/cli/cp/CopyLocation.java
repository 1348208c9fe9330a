package dev.berth.cli.cp;

import java.util.Optional;

/**
 * One side of {@code cp}: {@code SERVICE:PATH} in a container, a host path, or {@code -} for a tar stream on
 * standard input or output. As with {@code docker cp}, a host path that contains a colon is written absolute or
 * with a leading {@code ./}.
 */
record CopyLocation(Optional<String> service, String path) {

    static CopyLocation parse(String argument) {
        if (argument.equals("-") || argument.startsWith("/") || argument.startsWith(".")) {
            return new CopyLocation(Optional.empty(), argument);
        }
        int colon = argument.indexOf(':');
        if (colon <= 0) {
            return new CopyLocation(Optional.empty(), argument);
        }
        return new CopyLocation(Optional.of(argument.substring(0, colon)), argument.substring(colon + 1));
    }

    boolean inContainer() {
        return service.isPresent();
    }

    boolean isStream() {
        return service.isEmpty() && path.equals("-");
    }

    /**
     * The host path as the copier must get it: relative paths are prefixed with {@code workingDirectory} as text,
     * which keeps what {@code docker cp} reads from the spelling ({@code dir/.}, a trailing {@code /}).
     */
    String hostPath(java.nio.file.Path workingDirectory) {
        if (inContainer() || isStream() || path.startsWith("/")) {
            return path;
        }
        return workingDirectory.toString() + "/" + path;
    }
}
