package dev.berth.daemon.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.runtime.PathStat;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PathStatHeaderTest {
    private static JsonNode decode(PathStat stat) throws Exception {
        return Json.MAPPER.readTree(Base64.getDecoder().decode(PathStatHeader.encode(stat)));
    }

    @Test
    void aFileCarriesItsNameSizePermissionsAndTime() throws Exception {
        JsonNode json = decode(new PathStat("note.txt", 13, PathStat.Kind.FILE, 0640,
                Instant.parse("2024-05-06T07:08:09.123456789Z"), ""));
        assertEquals("note.txt", json.get("name").asText());
        assertEquals(13, json.get("size").asLong());
        assertEquals(0640, json.get("mode").asLong());
        assertEquals("2024-05-06T07:08:09.123456789Z", json.get("mtime").asText());
        assertEquals("", json.get("linkTarget").asText());
    }

    @Test
    void directoriesAndLinksCarryGoFileModeTypeBits() throws Exception {
        Instant t = Instant.EPOCH;
        assertEquals((1L << 31) | 0755, decode(new PathStat("box", 4096, PathStat.Kind.DIRECTORY, 0755, t, ""))
                .get("mode").asLong());
        JsonNode link = decode(new PathStat("up", 14, PathStat.Kind.SYMLINK, 0777, t, "../../.."));
        assertEquals((1L << 27) | 0777, link.get("mode").asLong());
        assertEquals("../../..", link.get("linkTarget").asText());
    }

    @Test
    void setuidSetgidAndStickyMoveToGoBits() {
        Instant t = Instant.EPOCH;
        assertEquals((1L << 23) | 0755, PathStatHeader.goFileMode(new PathStat("su", 1, PathStat.Kind.FILE, 04755, t,
                "")));
        assertEquals((1L << 31) | (1L << 22) | (1L << 20) | 0777, PathStatHeader.goFileMode(
                new PathStat("tmp", 1, PathStat.Kind.DIRECTORY, 03777, t, "")));
    }
}
