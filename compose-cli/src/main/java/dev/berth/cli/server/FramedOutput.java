package dev.berth.cli.server;

import java.io.IOException;
import java.io.OutputStream;

/** Standard output or error of a request: each write becomes one frame of {@code type}. */
final class FramedOutput extends OutputStream {
    private final Outbox outbox;
    private final FrameType type;

    FramedOutput(Outbox outbox, FrameType type) {
        this.outbox = outbox;
        this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > 0) {
            outbox.post(type, bytes, offset, length);
        }
    }
}
