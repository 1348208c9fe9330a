package dev.berth.embedded.net;

import java.util.List;

/** A network operation failed; the message says what was attempted and what to do next. */
public class NetworkException extends RuntimeException {
    private final List<String> problems;

    public NetworkException(String message) {
        this(List.of(message));
    }

    public NetworkException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, not only the first. */
    public List<String> problems() {
        return problems;
    }
}
