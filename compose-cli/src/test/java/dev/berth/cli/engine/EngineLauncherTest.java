package dev.berth.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The engine daemon is started in / , so the class path it gets must not depend on the caller's directory. */
class EngineLauncherTest {
    @Test
    void relativeClassPathEntriesBecomeAbsoluteAndAbsoluteOnesStay() {
        Path cwd = Path.of("").toAbsolutePath();
        String given = String.join(File.pathSeparator, "berth.jar", "/opt/lib/x.jar", "../y/classes");
        assertEquals(String.join(File.pathSeparator, cwd.resolve("berth.jar").toString(), "/opt/lib/x.jar",
                cwd.resolve("../y/classes").normalize().toString()), EngineLauncher.absoluteClassPath(given));
    }
}
