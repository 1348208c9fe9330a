package dev.berth.embedded.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeProbeTest {
    @TempDir
    Path temp;

    @Test
    void anUnknownRuntimeIsUnavailableWithTheFix() {
        RuntimeProbe.Result result = RuntimeProbe.probe("no-such-runtime");
        assertFalse(result.available());
        assertEquals("no-such-runtime is not installed (apt-get install no-such-runtime)", result.problem());
    }

    @Test
    void crunIsOnlyChosenWhenItsProbePassesOtherwiseRunc() {
        Assumptions.assumeTrue(RuntimeProbe.probe("runc").available(), "runc is not installed");
        RuntimeProbe.Result crun = RuntimeProbe.probe("crun");
        OciRuntime chosen = RuntimeProbe.select("crun", temp);
        assertEquals(crun.available() ? "crun" : "runc", chosen.name());
        if (crun.binary().isPresent() && RuntimeProbe.hybridWithV2Controllers()) {
            assertTrue(crun.problem().contains("hybrid"), crun.problem());
        }
    }
}
