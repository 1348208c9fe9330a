package dev.berth.model.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SyntaxTest {

    @Test
    void splitsShellWords() {
        assertEquals(List.of("bundle", "exec", "thin", "-p", "3000"), ShellWords.split("bundle exec thin -p 3000"));
        assertEquals(List.of("echo", "a b", "c\"d", "", "e f"), ShellWords.split("echo 'a b' \"c\\\"d\" \"\" e\\ f"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'open"));
    }

    @Test
    void parsesAndFormatsDurationsLikeGo() {
        assertEquals("1m30s", GoDuration.format(GoDuration.parse("90s")));
        assertEquals("1h0m0s", GoDuration.format(GoDuration.parse("1h")));
        assertEquals("1h30m10s", GoDuration.format(GoDuration.parse("1h30m10s")));
        assertEquals("500ms", GoDuration.format(GoDuration.parse("500ms")));
        assertEquals("1.5s", GoDuration.format(GoDuration.parse("1500ms")));
        assertEquals("10µs", GoDuration.format(GoDuration.parse("10us")));
        assertEquals("0s", GoDuration.format(Duration.ZERO));
        assertEquals(Duration.ofSeconds(10), GoDuration.parse("10"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("10x"));
    }

    @Test
    void parsesByteSizes() {
        assertEquals(2, ByteSize.parse("2b"));
        assertEquals(1024, ByteSize.parse("1k"));
        assertEquals(10 * 1024 * 1024, ByteSize.parse("10m"));
        assertEquals(1024L * 1024 * 1024, ByteSize.parse("1gb"));
        assertEquals(512, ByteSize.parse("512"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
    }

    @Test
    void rejectsBadPorts() {
        assertEquals("Invalid hostPort: x", assertThrows(IllegalArgumentException.class,
                () -> PortSyntax.parse("x:80", dev.berth.model.tree.Location.UNKNOWN)).getMessage());
        assertEquals("Invalid proto: xyz", assertThrows(IllegalArgumentException.class,
                () -> PortSyntax.parse("80/xyz", dev.berth.model.tree.Location.UNKNOWN)).getMessage());
    }
}
