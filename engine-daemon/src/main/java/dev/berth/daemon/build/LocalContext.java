package dev.berth.daemon.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Berth extension of {@code POST /build}: the build context named by its host directory instead of sent as a tar.
 * A Berth engine is always local, so a client on this machine can spare archiving the context, sending it and the
 * engine unpacking it; the builder reads the directory as the in-process engine does (applying
 * {@code .dockerignore} itself). {@value #DIRECTORY_PARAM} is the absolute directory, {@value #IDENTITY_PARAM} its
 * {@code device:inode} as the client sees it: a client in another mount namespace may see other files under the
 * same path, so the engine builds in place only when the identity matches, and otherwise answers
 * {@value #MISMATCH_STATUS} so that the client sends the tar instead.
 */
public record LocalContext(Path directory, String identity) {
    public static final String DIRECTORY_PARAM = "berth.context-dir";
    public static final String IDENTITY_PARAM = "berth.context-id";
    /** The answer when the directory is not the client's: Precondition Failed. */
    public static final int MISMATCH_STATUS = 412;

    /** The local context the query names, if any. */
    public static Optional<LocalContext> parse(Map<String, List<String>> query) {
        Optional<String> dir = first(query, DIRECTORY_PARAM);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(dir.get());
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(DIRECTORY_PARAM + ": " + dir.get() + " is not an absolute path; the"
                    + " engine cannot resolve paths relative to the client");
        }
        String identity = first(query, IDENTITY_PARAM).orElseThrow(() -> new IllegalArgumentException(
                IDENTITY_PARAM + " is missing: send the device:inode of " + DIRECTORY_PARAM + " with it"));
        return Optional.of(new LocalContext(path.normalize(), identity));
    }

    /** Whether {@link #directory} is, for this engine, the directory the client named (same device and inode). */
    public boolean matches() {
        return Files.isDirectory(directory) && identity.equals(identityOf(directory));
    }

    /** The {@code device:inode} of a directory, following links as the client's lookup does. */
    public static String identityOf(Path directory) {
        try {
            return Files.getAttribute(directory, "unix:dev", new LinkOption[0]) + ":"
                    + Files.getAttribute(directory, "unix:ino", new LinkOption[0]);
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? Optional.empty()
                : Optional.of(values.get(0));
    }
}
