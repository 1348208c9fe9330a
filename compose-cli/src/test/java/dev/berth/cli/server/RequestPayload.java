package dev.berth.cli.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds request payloads as the C client writes them, for tests of the server's side. */
final class RequestPayload {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    RequestPayload u8(int value) {
        bytes.write(value);
        return this;
    }

    RequestPayload u16(int value) {
        bytes.writeBytes(ByteBuffer.allocate(2).putShort((short) value).array());
        return this;
    }

    RequestPayload u32(int value) {
        bytes.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
        return this;
    }

    RequestPayload str(String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        u32(text.length);
        bytes.writeBytes(text);
        return this;
    }

    RequestPayload strings(List<String> values) {
        u32(values.size());
        values.forEach(this::str);
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** A complete version-1 request. */
    static byte[] request(String identity, String cwd, int terminals, List<String> args, List<String> env) {
        return new RequestPayload().u32(1).str(identity).str("UTF-8").str(cwd).u8(terminals).u16(120).u16(40)
                .strings(args).strings(env).bytes();
    }
}
