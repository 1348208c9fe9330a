package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.EngineOptions;
import dev.berth.runtime.Availability;
import dev.berth.runtime.RuntimeProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EmbeddedRuntimeProviderTest {

    @Test
    void serviceLoaderFindsItUnderTheNameEmbedded() {
        assertTrue(ServiceLoader.load(RuntimeProvider.class).stream().map(ServiceLoader.Provider::get)
                .anyMatch(p -> p instanceof EmbeddedRuntimeProvider && p.name().equals("embedded-in-process")));
    }

    @Test
    void rootsComeFromTheEnvironmentOrTheDefaults() {
        EngineOptions defaults = new EmbeddedRuntimeProvider(Map.of()).options();
        assertEquals(Path.of("/var/lib/berth"), defaults.root());
        assertEquals(Path.of("/run/berth"), defaults.runDir());
        EngineOptions custom = new EmbeddedRuntimeProvider(Map.of("BERTH_ROOT", "/srv/berth", "BERTH_RUN_DIR",
                "/tmp/berth-run")).options();
        assertEquals(Path.of("/srv/berth"), custom.root());
        assertEquals(Path.of("/tmp/berth-run"), custom.runDir());
    }

    @Test
    void theProbeSaysWhyNotAndWhatToDo() {
        Availability a = new EmbeddedRuntimeProvider(Map.of()).probe();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            assertFalse(a.usable());
            assertTrue(a.hint().contains("run as root"), a.hint());
        } else if (!a.usable()) {
            assertFalse(a.hint().isBlank(), "an unusable runtime always says what to do");
        } else {
            assertTrue(a.reason().contains("embedded engine on "), a.reason());
        }
    }
}
