package dev.berth.embedded.util;

/** Starts named daemon platform threads (Java 17 has no thread builders). */
public final class Threads {
    private Threads() {
    }

    public static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
