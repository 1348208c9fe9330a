package dev.berth.cli.server;

import java.nio.ByteBuffer;

/** One frame as received: its type and payload. */
record Frame(FrameType type, byte[] payload) {

    /** The payload read as one big-endian u32 (signal numbers, exit codes, read sizes). */
    int u32() throws ProtocolException {
        if (payload.length != 4) {
            throw new ProtocolException(type + " frame of " + payload.length + " bytes, expected 4");
        }
        return ByteBuffer.wrap(payload).getInt();
    }

    static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }
}
