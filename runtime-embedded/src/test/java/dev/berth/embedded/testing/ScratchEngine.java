package dev.berth.embedded.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.snapshot.Mounts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An engine whose state lives in a test's temporary directory, and its end that checks nothing is left behind. */
public final class ScratchEngine {
    private ScratchEngine() {
    }

    /** An engine with its state under {@code temp/lib} and {@code temp/run}. */
    public static EmbeddedEngine open(Path temp) {
        return EmbeddedEngine.open(EngineOptions.at(temp.resolve("lib"), temp.resolve("run")));
    }

    /** Removes every container of {@code engine} (when the test got one), closes it, and asserts no mount is left. */
    public static void removeAllAndClose(EmbeddedEngine engine, Path temp) {
        if (engine == null) {
            return;
        }
        for (ContainerInfo info : engine.list(Map.of())) {
            engine.remove(info.id(), true);
        }
        engine.close();
        assertEquals(List.of(), Mounts.mountsUnder(temp), "no mounts may be left behind");
    }
}
