package dev.berth.cli.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Standard input of a request, pulled from the caller: a read the buffer cannot serve asks for up to
 * {@link #MAX_READ} bytes with a {@link FrameType#READ} frame and waits for the {@link FrameType#STDIN} answer. The
 * client reads its fd 0 only when asked, so a command that never reads input never consumes what the user typed
 * ahead.
 */
final class FramedInput extends InputStream {
    /** Largest read asked for at once. */
    static final int MAX_READ = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final Outbox outbox;
    private final BlockingQueue<byte[]> answers = new ArrayBlockingQueue<>(1);
    private byte[] buffer = END;
    private int position;
    private boolean ended;

    FramedInput(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Called by the connection's reader: the answer to the outstanding read; empty means end of input. */
    void deliver(byte[] bytes) {
        answers.offer(bytes);
    }

    /** Called by the connection's reader when the caller has gone: any read ends. */
    void end() {
        answers.offer(END);
    }

    @Override
    public synchronized int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == buffer.length) {
            if (ended) {
                return -1;
            }
            // ask for a full buffer whatever the caller wants now, as System.in's buffer reads ahead: a command
            // reading byte by byte must not cost a round trip per byte
            outbox.post(FrameType.READ, Frame.u32(MAX_READ), 0, 4);
            try {
                buffer = answers.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading standard input");
            }
            position = 0;
            if (buffer.length == 0) {
                ended = true;
                return -1;
            }
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - position;
    }
}
