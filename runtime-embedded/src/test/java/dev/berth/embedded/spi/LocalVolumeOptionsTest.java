package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.oci.ContainerConfig.VolumeDevice;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVolumeOptionsTest {
    @TempDir
    Path temp;

    private static String refusal(Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> LocalVolumeOptions.parse(options)).getMessage();
    }

    @Test
    void noOptionsIsAPlainVolume() {
        assertEquals(Optional.empty(), LocalVolumeOptions.parse(Map.of()));
    }

    @Test
    void typeDeviceAndOptionsDescribeTheMount() {
        assertEquals(Optional.of(new VolumeDevice("tmpfs", "size=1m,uid=1000", "tmpfs")),
                LocalVolumeOptions.parse(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m,uid=1000")));
        assertEquals(Optional.of(new VolumeDevice("none", "bind", temp.toString())),
                LocalVolumeOptions.parse(Map.of("type", "none", "o", "bind", "device", temp.toString())));
    }

    @Test
    void dockersRulesAreEnforced() {
        assertTrue(refusal(Map.of("type", "tmpfs", "device", "tmpfs", "uid", "1")).contains("invalid option: \"uid\""));
        assertTrue(refusal(Map.of("type", "tmpfs")).contains("missing required option: \"device\""));
        assertTrue(refusal(Map.of("device", "tmpfs")).contains("missing required option: \"type\""));
        assertTrue(refusal(Map.of("o", "size=1m")).contains("missing required option: \"device\""));
        assertTrue(refusal(Map.of("type", "tmpfs", "device", "tmpfs", "size", "1g")).contains("no quota support"));
    }

    @Test
    void aBindDeviceMustExistAndIsNamed() {
        String missing = temp.resolve("not-there").toString();
        String message = refusal(Map.of("type", "none", "o", "bind", "device", missing));
        assertTrue(message.contains(missing) && message.contains("does not exist"), message);
    }
}
