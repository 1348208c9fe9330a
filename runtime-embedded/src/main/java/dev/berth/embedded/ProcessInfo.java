package dev.berth.embedded;

import java.util.List;

/** A process of a running container: host pid and argv. */
public record ProcessInfo(int pid, List<String> args) {
    public ProcessInfo {
        args = List.copyOf(args);
    }
}
