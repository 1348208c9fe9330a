package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class Ipv6Test {
    @Test
    void parsesTheTextualFormsAndWritesTheCanonicalOne() {
        assertEquals("fd00:beef::2", Ipv6.canonical("FD00:BEEF:0:0:0:0:0:2"));
        assertEquals("::", Ipv6.canonical("0:0:0:0:0:0:0:0"));
        assertEquals("::1", Ipv6.canonical("::1"));
        assertEquals("fd00::", Ipv6.canonical("fd00::"));
        assertEquals("2001:db8::1:0:0:1", Ipv6.canonical("2001:db8:0:0:1:0:0:1"), "the first of equal zero runs");
        assertEquals("2001:db8:0:1:1:1:1:1", Ipv6.canonical("2001:db8::1:1:1:1:1"), "one zero group stays");
        assertEquals("::ffff:a00:1", Ipv6.canonical("::ffff:10.0.0.1"), "a dotted-quad tail");
        assertEquals(BigInteger.ONE, Ipv6.parse("::1"));
        byte[] bytes = new byte[16];
        bytes[0] = (byte) 0xfd;
        bytes[15] = 2;
        assertArrayEquals(bytes, Ipv6.bytes("fd00::2"));
        assertEquals("fd00::2", Ipv6.format(Ipv6.fromBytes(bytes)));
    }

    @Test
    void rejectsWhatIsNotAnAddress() {
        for (String bad : new String[] {"", "1::2::3", "12345::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "g::1",
                "fe80::1%eth0", "::1.2.3"}) {
            assertThrows(IllegalArgumentException.class, () -> Ipv6.parse(bad), bad);
        }
    }
}
