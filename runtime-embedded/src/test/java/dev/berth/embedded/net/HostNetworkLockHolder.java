package dev.berth.embedded.net;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run as a separate JVM by {@link HostNetworkLockTest}: holds the host network lock at the path given as argument,
 * prints {@code held} and keeps it until its standard input ends.
 */
public final class HostNetworkLockHolder {
    private HostNetworkLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        HostNetworkLock lock = new HostNetworkLock(Path.of(args[0]), Duration.ofSeconds(10));
        try (HostNetworkLock.Held held = lock.acquire()) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
