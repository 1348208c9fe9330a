package dev.berth.cli.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The frames a running request sends, written by one thread of its own so that the command's threads never touch the
 * socket (and an interrupted command cannot close it). The queue is bounded: a caller that reads slowly slows the
 * command down, as a pipe would. The {@link FrameType#EXIT} frame is the last one; once the caller has gone, frames
 * are dropped and further output fails.
 */
final class Outbox implements Runnable {
    private static final int CAPACITY = 64;

    private final FrameChannel channel;
    private final BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean closed;

    Outbox(FrameChannel channel) {
        this.channel = channel;
    }

    /** Queues a frame carrying a copy of {@code bytes[offset, offset + length)}. */
    void post(FrameType type, byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the caller has gone");
        }
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        try {
            queue.put(new Frame(type, copy));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending output");
        }
    }

    /** Queues the exit frame after everything posted so far, waiting for room. */
    void exit(int code) {
        closed = true;
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(new Frame(FrameType.EXIT, Frame.u32(code)));
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the request now (Ctrl-C without a handler, a lost caller): the exit frame if there is room for it, else
     * the connection is closed at once; the caller then exits with the code of the signal it sent.
     */
    void exitNow(int code) {
        closed = true;
        if (!queue.offer(new Frame(FrameType.EXIT, Frame.u32(code)))) {
            closeQuietly();
        }
    }

    @Override
    public void run() {
        boolean failed = false;
        while (true) {
            Frame frame;
            try {
                frame = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (frame == null) {
                if (closed && !channel.socket().isOpen()) {
                    break; // ended by exitNow without room for the exit frame
                }
                continue;
            }
            if (!failed) {
                try {
                    channel.send(frame.type(), frame.payload());
                } catch (IOException e) {
                    failed = true;
                    closed = true;
                }
            }
            if (frame.type() == FrameType.EXIT) {
                break;
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // the connection is over either way
        }
    }
}
