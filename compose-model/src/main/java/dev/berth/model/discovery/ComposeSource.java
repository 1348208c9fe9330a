package dev.berth.model.discovery;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One compose file to load: {@code displayName} is how messages and locations name it (as the user wrote it,
 * "-" for standard input); {@code path} is its absolute, normalised path, or null for standard input.
 */
public record ComposeSource(String displayName, Path path) {

    public static final String STDIN = "-";

    public ComposeSource {
        Objects.requireNonNull(displayName, "displayName");
    }

    public static ComposeSource stdin() {
        return new ComposeSource(STDIN, null);
    }

    public boolean isStdin() {
        return path == null;
    }
}
