package dev.berth.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.invocation.TerminalFacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding the REQUEST frame's payload, and refusing payloads that do not follow the protocol. */
class RequestTest {

    @Test
    void decodesEveryField() throws ProtocolException {
        byte[] payload = RequestPayload.request("/opt/berth.jar:1:2:3", "/home/ann/shop", 0b011,
                List.of("-f", "compose.yaml", "config"), List.of("TAG=1.5", "EMPTY=", "EQ=a=b", "NOEQUALS"));

        Request request = Request.decode(payload);

        assertEquals(1, Request.versionOf(payload));
        assertEquals("/opt/berth.jar:1:2:3", request.jarIdentity());
        assertEquals(StandardCharsets.UTF_8, request.charset());
        assertEquals(Path.of("/home/ann/shop"), request.workingDirectory());
        assertEquals(new TerminalFacts(true, true, false, 120, 40), request.terminal());
        assertEquals(List.of("-f", "compose.yaml", "config"), request.args());
        assertEquals(Map.of("TAG", "1.5", "EMPTY", "", "EQ", "a=b"), request.env());
    }

    @Test
    void theVersionIsReadBeforeAnythingElse() throws ProtocolException {
        byte[] future = new RequestPayload().u32(2).str("whatever a later version sends").bytes();

        assertEquals(2, Request.versionOf(future));
        assertThrows(ProtocolException.class, () -> Request.decode(future));
    }

    @Test
    void truncatedOrOversizedFieldsAreProtocolErrors() {
        byte[] whole = RequestPayload.request("id", "/tmp", 0, List.of("config"), List.of());
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
        byte[] hugeCount = new RequestPayload().u32(1).str("id").str("UTF-8").str("/tmp").u8(0).u16(0).u16(0)
                .u32(Integer.MAX_VALUE).bytes();
        byte[] trailing = Arrays.copyOf(whole, whole.length + 1);

        assertThrows(ProtocolException.class, () -> Request.decode(truncated));
        assertThrows(ProtocolException.class, () -> Request.decode(hugeCount));
        assertThrows(ProtocolException.class, () -> Request.decode(trailing));
    }

    @Test
    void theWorkingDirectoryMustBeAbsolute() {
        byte[] relative = RequestPayload.request("id", "projects/shop", 0, List.of(), List.of());

        ProtocolException e = assertThrows(ProtocolException.class, () -> Request.decode(relative));
        assertTrue(e.getMessage().contains("not absolute"), e.getMessage());
    }

    @Test
    void theCodesetOfTheCallersLocaleChoosesTheCharset() {
        assertEquals(StandardCharsets.US_ASCII, Request.charset("ANSI_X3.4-1968"));
        assertEquals(StandardCharsets.UTF_8, Request.charset("UTF-8"));
        assertEquals(StandardCharsets.ISO_8859_1, Request.charset("ISO-8859-1"));
        assertEquals(StandardCharsets.UTF_8, Request.charset("NO-SUCH-CODESET"));
        assertFalse(Request.charset("").equals(StandardCharsets.UTF_8));
    }
}
