package dev.berth.embedded.shim;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A connection attached to a running container's shim: the container's output as it comes (optionally replayed
 * from the container's start, as far as the shim keeps it) and, when attached with stdin, a way into the
 * container's stdin. Reading and writing may happen on two threads at once.
 */
public final class ShimAttachment implements AutoCloseable {
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final SocketChannel channel;

    private ShimAttachment(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Attaches to the shim listening on {@code socket}; empty when no shim listens there any more (the container
     * has exited and everything it wrote is in its log).
     *
     * @param stdin  whether what is written to {@link #stdin()} goes to the container's stdin
     * @param replay whether to get the output since the container started first (up to the last 64 KiB)
     */
    public static Optional<ShimAttachment> open(Path socket, boolean stdin, boolean replay) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return Optional.empty();
        }
        ShimAttachment attachment = new ShimAttachment(channel);
        try {
            String flags = (stdin ? "i" : "") + (replay ? "r" : "");
            attachment.write(("ATTACH " + (flags.isEmpty() ? "-" : flags) + "\n").getBytes(StandardCharsets.US_ASCII));
            return Optional.of(attachment);
        } catch (IOException e) {
            attachment.close();
            return Optional.empty();
        }
    }

    /** The next piece of output; empty once the output ended (the container exited or the shim went away). */
    public Optional<OutputFrame> next() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8);
        if (!readFully(header, true)) {
            return Optional.empty();
        }
        int stream = header.get(0);
        int size = header.getInt(4);
        if (size < 0 || size > MAX_FRAME) {
            throw new IOException("berth-shim sent a frame of " + size + " bytes");
        }
        ByteBuffer payload = ByteBuffer.allocate(size);
        readFully(payload, false);
        return Optional.of(new OutputFrame(stream, payload.array()));
    }

    /** False at a clean end before the first byte, when {@code endAllowed}. */
    private boolean readFully(ByteBuffer buffer, boolean endAllowed) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endAllowed && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("berth-shim closed the attachment in the middle of a frame");
            }
        }
        return true;
    }

    /** The container's stdin (when attached with stdin; otherwise the shim drops what is written). */
    public OutputStream stdin() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ShimAttachment.this.write(java.util.Arrays.copyOfRange(b, off, off + len));
            }

            @Override
            public void close() throws IOException {
                closeStdin();
            }
        };
    }

    /** Ends this attachment's input; a container created with stdin-once then sees the end of its stdin. */
    public void closeStdin() throws IOException {
        if (channel.isOpen()) {
            channel.shutdownOutput();
        }
    }

    private void write(byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
