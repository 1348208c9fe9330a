package dev.berth.daemon;

/** Where the daemon reports what it does; the CLI renders it (the library never prints). */
public interface DaemonLog {
    /** Start, stop and other expected events. */
    void info(String message);

    /** Problems while serving that do not stop the daemon (a failed request, an unreachable socket...). */
    void warn(String message);
}
