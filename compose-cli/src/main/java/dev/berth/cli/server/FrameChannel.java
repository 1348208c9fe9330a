package dev.berth.cli.server;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Frames over a connected unix socket: {@code u8 type, u32 length (big-endian), payload}. One thread receives and
 * one thread sends (the connection's thread during the handshake, then its {@link Outbox}): never a command's
 * thread, because interrupting a thread inside a channel operation closes the channel.
 */
final class FrameChannel implements Closeable {
    /** Largest payload accepted: requests carry the whole environment, so leave room for a big one. */
    static final int MAX_PAYLOAD = 16 << 20;
    private static final int HEADER = 5;

    private final SocketChannel socket;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER);

    FrameChannel(SocketChannel socket) {
        this.socket = socket;
    }

    SocketChannel socket() {
        return socket;
    }

    /** The next frame; {@link EOFException} when the peer closed the connection between frames. */
    Frame receive() throws IOException, ProtocolException {
        header.clear();
        readFully(header, true);
        header.flip();
        byte code = header.get();
        int length = header.getInt();
        FrameType type = FrameType.of(code)
                .orElseThrow(() -> new ProtocolException("unknown frame type 0x" + Integer.toHexString(code & 0xff)));
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new ProtocolException(type + " frame of " + Integer.toUnsignedString(length) + " bytes is too large");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(payload, false);
        return new Frame(type, payload.array());
    }

    private void readFully(ByteBuffer buffer, boolean atFrameStart) throws IOException {
        while (buffer.hasRemaining()) {
            if (socket.read(buffer) < 0) {
                throw new EOFException(atFrameStart && buffer.position() == 0 ? "connection closed"
                        : "connection closed inside a frame");
            }
        }
    }

    void send(FrameType type, byte[] payload) throws IOException {
        send(type, payload, 0, payload.length);
    }

    void send(FrameType type, byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEADER).put(type.code()).putInt(length).flip();
        ByteBuffer body = ByteBuffer.wrap(bytes, offset, length);
        ByteBuffer[] both = {head, body};
        while (head.hasRemaining() || body.hasRemaining()) {
            socket.write(both);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
