package dev.berth.daemon.backing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Docker's stream framing for containers without a TTY: each frame is an 8-byte header (stream type 1 for stdout,
 * 2 for stderr, three zero bytes, the payload size as a big-endian 32-bit integer) followed by the payload. With a
 * TTY the payload is written raw, as dockerd does.
 */
public final class StreamFrames {
    public static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
    public static final String RAW = "application/vnd.docker.raw-stream";

    private final OutputStream out;
    private final boolean tty;

    public StreamFrames(OutputStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    public String contentType() {
        return tty ? RAW : MULTIPLEXED;
    }

    public void write(boolean stderr, String text) throws IOException {
        write(stderr, text.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void write(boolean stderr, byte[] payload) throws IOException {
        if (payload.length == 0) {
            return;
        }
        if (!tty) {
            int n = payload.length;
            out.write(new byte[] {(byte) (stderr ? 2 : 1), 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16),
                    (byte) (n >>> 8), (byte) n});
        }
        out.write(payload);
        out.flush();
    }
}
