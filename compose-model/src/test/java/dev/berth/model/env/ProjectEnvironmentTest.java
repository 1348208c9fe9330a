package dev.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.tree.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void readsTheDefaultDotEnvUnderTheOsEnvironment() throws IOException {
        Files.writeString(dir.resolve(".env"), "TAG=from-file\nHOST=db\nURL=${HOST}:${PORT:-1}\n");
        Environment env = ProjectEnvironment.resolve(Map.of("HOST", "os-host", "PORT", "99"), List.of(), dir, false);
        assertEquals(Optional.of("from-file"), env.get("TAG"));
        assertEquals(Optional.of("os-host"), env.get("HOST"));
        assertEquals(Optional.of("os-host:99"), env.get("URL"), "references inside .env see the OS environment first");
        Path dotEnv = dir.toAbsolutePath().normalize().resolve(".env");
        assertEquals(".env line 1 (" + dotEnv + ":1:1)", env.origin("TAG").orElseThrow().describe());
        assertEquals("OS environment", env.origin("HOST").orElseThrow().describe());
    }

    @Test
    void canDisableTheDefaultDotEnv() throws IOException {
        Files.writeString(dir.resolve(".env"), "TAG=from-file\n");
        assertEquals(Map.of("X", "1"), ProjectEnvironment.resolve(Map.of("X", "1"), List.of(), dir, true).asMap());
    }

    @Test
    void noDotEnvMeansOnlyTheOsEnvironment() {
        assertEquals(Map.of("X", "1"), ProjectEnvironment.resolve(Map.of("X", "1"), List.of(), dir, false).asMap());
    }

    @Test
    void explicitFilesReplaceDotEnvAndLaterFilesWin() throws IOException {
        Files.writeString(dir.resolve(".env"), "IGNORED=yes\n");
        Path first = Files.writeString(dir.resolve("a.env"), "A=1\nB=first\n");
        Path second = Files.writeString(dir.resolve("b.env"), "B=second\nC=${A}-${B}\n");
        Environment env = ProjectEnvironment.resolve(Map.of(), List.of(first, second), dir, false);
        assertEquals(Map.of("A", "1", "B", "second", "C", "1-first"), env.asMap());
        assertEquals(VariableOrigin.envFile(new Location(second.toAbsolutePath().normalize().toString(), 1, 1)),
                env.origin("B").orElseThrow());
    }

    @Test
    void missingExplicitFilesAreErrorsNamingThePath() throws IOException {
        Path missing = dir.resolve("nope.env");
        Path bad = Files.writeString(dir.resolve("bad.env"), "MY VAR=1\n");
        ComposeException e = assertThrows(ComposeException.class,
                () -> ProjectEnvironment.resolve(Map.of(), List.of(missing, bad), dir, false));
        assertEquals(2, e.problems().size());
        assertEquals("env file " + missing.toAbsolutePath().normalize() + " not found", e.problems().get(0).message());
        assertEquals(new Location(bad.toAbsolutePath().normalize().toString(), 1, 1), e.problems().get(1).location());
    }
}
