package dev.berth.embedded.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;

/** Small file helpers: atomic writes and tree deletion that never follows symlinks. */
public final class Files2 {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Files2() {
    }

    /**
     * Replaces {@code file} with {@code content} in one step: readers see the old or the new content, never a part.
     * Each call writes a temporary file of its own (named {@code <file>.<random>.tmp}), so concurrent writers of the
     * same file do not trip over each other's: the last one wins.
     */
    public static void writeAtomically(Path file, byte[] content) {
        Path temp = null;
        try {
            // not Files.createTempFile, whose 0600 would replace the umask's mode these files always had
            temp = file.resolveSibling(file.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure being reported matters more than a leftover temporary file
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
