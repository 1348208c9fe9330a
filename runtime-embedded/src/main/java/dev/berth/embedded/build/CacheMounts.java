package dev.berth.embedded.build;

import dev.berth.embedded.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directories of {@code RUN --mount=type=cache}, kept between builds under {@code <engine root>/build/mounts}, one
 * per cache id. A RUN step holds a {@link Lease} on its cache directories while it runs; {@code docker builder prune}
 * removes only directories nobody holds. The leases are counted per directory for the whole JVM, since the builder and
 * the pruner are different objects over the same engine root.
 */
public final class CacheMounts {
    private static final Map<Path, Integer> HELD = new HashMap<>();

    private final Path dir;

    /** A cache directory as a prune sees it: its name (the sanitised cache id), bytes, and when it was last used. */
    public record CacheMount(String name, long size, Instant lastUsed) {
    }

    /** A RUN step's hold on one cache directory; closing it marks the directory used now. */
    public final class Lease implements AutoCloseable {
        private final Path path;
        private boolean closed;

        private Lease(Path path) {
            this.path = path;
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() {
            synchronized (HELD) {
                if (closed) {
                    return;
                }
                closed = true;
                HELD.computeIfPresent(path, (p, n) -> n == 1 ? null : n - 1);
                try {
                    Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
                } catch (IOException e) {
                    // the directory's time only orders prunes; a failure leaves the older time
                }
            }
        }
    }

    /** The cache mounts under {@code <engineRoot>/build/mounts}. */
    public CacheMounts(Path engineRoot) {
        this.dir = engineRoot.toAbsolutePath().resolve("build").resolve("mounts");
    }

    /**
     * Holds the directory of cache {@code id}, creating it with {@code mode}, {@code uid} and {@code gid} when it does
     * not exist yet.
     */
    Lease lease(String id, int mode, int uid, int gid) throws IOException {
        Path path = dir.resolve(id.replaceAll("[^A-Za-z0-9_.-]", "_"));
        synchronized (HELD) {
            if (!Files.isDirectory(path)) {
                Files.createDirectories(path);
                Files.setAttribute(path, "unix:mode", mode);
                Files.setAttribute(path, "unix:uid", uid);
                Files.setAttribute(path, "unix:gid", gid);
            }
            HELD.merge(path, 1, Integer::sum);
            return new Lease(path);
        }
    }

    /** The cache directories no RUN step holds now, oldest use first. */
    public List<CacheMount> unused() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<CacheMount> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                synchronized (HELD) {
                    if (HELD.containsKey(p) || !Files.isDirectory(p)) {
                        continue;
                    }
                }
                out.add(new CacheMount(p.getFileName().toString(), size(p),
                        Files.getLastModifiedTime(p).toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the build's cache mounts in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(java.util.Comparator.comparing(CacheMount::lastUsed));
        return List.copyOf(out);
    }

    private static long size(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        }
    }

    /** Removes a cache directory unless a RUN step took it meanwhile; whether it was removed. */
    public boolean remove(CacheMount mount) {
        Path path = dir.resolve(mount.name());
        synchronized (HELD) {
            if (HELD.containsKey(path)) {
                return false;
            }
            Files2.deleteTree(path);
            return true;
        }
    }
}
