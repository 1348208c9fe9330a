package dev.berth.swarm.convert;

/** The two kinds of file-like Swarm objects a stack ships to its tasks. */
public enum ObjectKind {
    SECRET("secret"), CONFIG("config");

    private final String word;

    ObjectKind(String word) {
        this.word = word;
    }

    /** {@code secret} or {@code config}, for messages. */
    public String word() {
        return word;
    }
}
