package dev.berth.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dockerd's daemon.json as the berth engine reads it: mirrors and insecure registries, other keys ignored. */
class DaemonConfigFileTest {
    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        return Files.writeString(dir.resolve("daemon.json"), json);
    }

    @Test
    void mirrorsAndInsecureRegistriesAreReadAndDockerdsOtherKeysReportedAsIgnored() throws Exception {
        DaemonConfig config = DaemonConfigFile.read(file("""
                {"registry-mirrors": ["https://mirror.example:5000/", "http://127.0.0.1:6000"],
                 "insecure-registries": ["10.0.0.5:5000", "192.168.0.0/16"],
                 "log-driver": "json-file"}
                """));
        assertEquals(List.of(URI.create("https://mirror.example:5000"), URI.create("http://127.0.0.1:6000")),
                config.registryMirrors());
        assertTrue(config.insecureRegistries().contains("10.0.0.5:5000"));
        assertTrue(config.insecureRegistries().contains("192.168.4.7:443"), "inside the network");
        assertFalse(config.insecureRegistries().contains("10.0.0.5:6000"), "another port is another registry");
        assertEquals(List.of("log-driver"), config.ignored());
    }

    @Test
    void theDefaultFileIsOptionalButANamedOneMustExist() {
        assertEquals(DaemonConfig.empty(), DaemonConfigFile.load(Optional.empty(), dir.resolve("absent.json")));
        var e = assertThrows(DaemonConfigFile.InvalidConfigException.class,
                () -> DaemonConfigFile.load(Optional.of(dir.resolve("absent.json")), dir.resolve("other.json")));
        assertTrue(e.getMessage().contains("absent.json: no such file"), e.getMessage());
    }

    @Test
    void mistakesNameTheFileTheKeyAndTheShapeExpected() throws Exception {
        assertTrue(message("{\"registry-mirrors\": \"https://m\"}").contains("registry-mirrors must be a list of strings"));
        assertTrue(message("{\"registry-mirrors\": [\"mirror.example\"]}")
                .contains("registry-mirrors: registry mirror 'mirror.example' must start with http:// or https://"));
        assertTrue(message("{\"registry-mirrors\": [\"https://m.example/v2/x\"]}").contains("must not have a path"));
        assertTrue(message("{\"insecure-registries\": [\"10.0.0.0/99\"]}").contains("insecure-registries:"));
        assertTrue(message("{\"insecure-registries\": [5000]}").contains("5000 is not one"));
        String syntax = message("{\"registry-mirrors\": [}");
        assertTrue(syntax.contains("daemon.json:1:") && syntax.contains("not valid JSON"), syntax);
    }

    private String message(String json) throws Exception {
        Path file = file(json);
        String m = assertThrows(DaemonConfigFile.InvalidConfigException.class, () -> DaemonConfigFile.read(file))
                .getMessage();
        assertTrue(m.startsWith(file.toString()), m);
        return m;
    }
}
