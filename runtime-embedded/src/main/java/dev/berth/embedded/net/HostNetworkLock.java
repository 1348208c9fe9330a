package dev.berth.embedded.net;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host-wide lock that Berth engines hold while they choose a subnet and create its bridge, so that engines
 * with different state roots on one host (a CI run and a test, say) never pick the same free subnet: the next
 * chooser only reads the host's subnets after the previous bridge has its gateway address.
 *
 * <p>It is an advisory POSIX record lock on {@link #DEFAULT_PATH} ({@code /run/lock/berth-ipam.lock}; the directory
 * is created when missing, the file is never removed). The kernel drops the lock when its holder dies. A JVM cannot
 * hold two overlapping locks on one file ({@link java.nio.channels.OverlappingFileLockException}), so threads of one
 * JVM queue on a JVM-wide lock per path first. The lock is not reentrant.
 */
final class HostNetworkLock {
    /** Where every engine on the host locks; documented, fixed, shared by all state roots. */
    static final Path DEFAULT_PATH = Path.of("/run/lock/berth-ipam.lock");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 10;
    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path path;
    private final Duration timeout;

    HostNetworkLock(Path path, Duration timeout) {
        this.path = path.toAbsolutePath().normalize();
        this.timeout = timeout;
    }

    static HostNetworkLock standard() {
        return new HostNetworkLock(DEFAULT_PATH, DEFAULT_TIMEOUT);
    }

    Path path() {
        return path;
    }

    /** Waits for the lock (at most the timeout); close the result to release it. */
    Held acquire() {
        ReentrantLock jvmLock = IN_THIS_JVM.computeIfAbsent(path, p -> new ReentrantLock());
        if (jvmLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("host network lock " + path + " is already held by this thread");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!jvmLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut("another thread of this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("interrupted while waiting for the host network lock " + path);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(path.getParent());
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.tryLock();
            while (fileLock == null) {
                if (System.nanoTime() - deadline > 0) {
                    throw timedOut("another process (a Berth engine with another state root)");
                }
                Thread.sleep(POLL_MILLIS);
                fileLock = channel.tryLock();
            }
            return new Held(jvmLock, channel, fileLock);
        } catch (IOException e) {
            closeQuietly(channel);
            jvmLock.unlock();
            throw new NetworkException("cannot lock " + path + " (the host-wide lock for choosing network subnets): "
                    + e.getMessage() + ": make " + path.getParent() + " writable");
        } catch (InterruptedException e) {
            closeQuietly(channel);
            jvmLock.unlock();
            Thread.currentThread().interrupt();
            throw new NetworkException("interrupted while waiting for the host network lock " + path);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            jvmLock.unlock();
            throw e;
        }
    }

    private NetworkException timedOut(String holder) {
        return new NetworkException("waited " + timeout.toSeconds() + " s for the host network lock " + path
                + ", held by " + holder + ": find the process that hangs while creating a network (its lock ends"
                + " with it) and retry");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing drops the lock anyway
            }
        }
    }

    /** The held lock; {@link #close} releases the file lock, then the JVM-wide one. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock jvmLock;
        private final FileChannel channel;
        private final FileLock fileLock;
        private boolean released;

        private Held(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
            this.jvmLock = jvmLock;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            try {
                fileLock.release();
            } catch (IOException ignored) {
                // closing the channel below drops the lock too
            } finally {
                closeQuietly(channel);
                jvmLock.unlock();
            }
        }
    }
}
