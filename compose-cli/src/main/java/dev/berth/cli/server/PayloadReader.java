package dev.berth.cli.server;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/** Reads the fields of a frame's payload: big-endian integers and strings as {@code u32 length, bytes}. */
final class PayloadReader {
    private final ByteBuffer buffer;

    PayloadReader(byte[] payload) {
        this.buffer = ByteBuffer.wrap(payload);
    }

    int u8() throws ProtocolException {
        return get(() -> buffer.get() & 0xff);
    }

    int u16() throws ProtocolException {
        return get(() -> buffer.getShort() & 0xffff);
    }

    int u32() throws ProtocolException {
        return get(buffer::getInt);
    }

    /** A count of items that follow, each at least {@code minimumSize} bytes: checked against what is left. */
    int count(int minimumSize) throws ProtocolException {
        int count = u32();
        if (count < 0 || (long) count * minimumSize > buffer.remaining()) {
            throw new ProtocolException("a count of " + Integer.toUnsignedString(count) + " does not fit the payload");
        }
        return count;
    }

    String string(Charset charset) throws ProtocolException {
        int length = u32();
        if (length < 0 || length > buffer.remaining()) {
            throw new ProtocolException("a string of " + Integer.toUnsignedString(length) + " bytes does not fit");
        }
        String text = new String(buffer.array(), buffer.position(), length, charset);
        buffer.position(buffer.position() + length);
        return text;
    }

    void expectEnd() throws ProtocolException {
        if (buffer.hasRemaining()) {
            throw new ProtocolException(buffer.remaining() + " bytes after the last field");
        }
    }

    private interface Field {
        int read();
    }

    private int get(Field field) throws ProtocolException {
        try {
            return field.read();
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("the payload ends inside a field");
        }
    }
}
