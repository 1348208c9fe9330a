package dev.berth.embedded.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Content-addressed blobs under {@code <root>/blobs/sha256/<hex>}. Every write is hashed while it streams into
 * {@code <root>/ingest} and renamed into place only when its digest is verified.
 */
public final class BlobStore {
    private final Path blobs;
    private final Path ingest;

    public BlobStore(Path root) {
        this.blobs = root.resolve("blobs/sha256");
        this.ingest = root.resolve("ingest");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(ingest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a stream; when {@code expected} is present, a different digest is an error and nothing is stored. */
    public Digest put(InputStream content, Optional<Digest> expected) {
        Path temp = null;
        try {
            temp = Files.createTempFile(ingest, "blob", ".tmp");
            MessageDigest sha = Digest.newSha256();
            try (InputStream in = new DigestInputStream(content, sha); OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
            }
            Digest actual = Digest.of(sha);
            if (expected.isPresent() && !expected.get().equals(actual)) {
                throw new DigestMismatchException(expected.get(), actual);
            }
            Path target = path(actual);
            if (!Files.exists(target)) {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return actual;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stale ingest file is harmless
                }
            }
        }
    }

    public Digest put(byte[] content) {
        return put(new java.io.ByteArrayInputStream(content), Optional.empty());
    }

    public boolean contains(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    /** The directory holding the blobs, one file per digest. */
    Path directory() {
        return blobs;
    }

    public Path path(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    public byte[] read(Digest digest) {
        try {
            return Files.readAllBytes(existing(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream open(Digest digest) {
        try {
            return Files.newInputStream(existing(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long size(Digest digest) {
        try {
            return Files.size(existing(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path existing(Digest digest) {
        Path path = path(digest);
        if (!Files.isRegularFile(path)) {
            throw new ImageStoreException("blob " + digest + " is missing from the store (load the image again)");
        }
        return path;
    }
}
