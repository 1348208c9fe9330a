package dev.berth.embedded.shim;

/** A piece of a container's output as its shim sends it to attached clients: stdout (1) or stderr (2) bytes. */
public record OutputFrame(int stream, byte[] payload) {
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    public boolean stderr() {
        return stream == STDERR;
    }
}
