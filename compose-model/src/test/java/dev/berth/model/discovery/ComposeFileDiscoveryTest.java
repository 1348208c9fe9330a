package dev.berth.model.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeFileDiscoveryTest {

    @TempDir
    Path temp;

    private Path root;
    private final List<Problem> warnings = new ArrayList<>();

    @BeforeEach
    void normalise() {
        root = temp.toAbsolutePath().normalize();
    }

    private Path file(String relative) throws IOException {
        Path path = root.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "services: {}\n");
    }

    private ProjectFiles discover(DiscoveryRequest request) {
        return ComposeFileDiscovery.discover(request, warnings::add);
    }

    @Test
    void findsComposeYamlAndItsOverrideInTheWorkingDirectory() throws IOException {
        Path main = file("app/compose.yaml");
        Path override = file("app/docker-compose.override.yml");
        file("app/docker-compose.override.yaml");
        ProjectFiles found = discover(DiscoveryRequest.inDirectory(root.resolve("app")));
        assertEquals(List.of(new ComposeSource("compose.yaml", main),
                new ComposeSource("docker-compose.override.yml", override)), found.sources());
        assertEquals(root.resolve("app"), found.projectDirectory());
        assertEquals(List.of(), warnings);
    }

    @Test
    void walksUpToTheNearestDirectoryWithAComposeFile() throws IOException {
        Path main = file("docker-compose.yml");
        file("a/b/other.txt");
        ProjectFiles found = discover(DiscoveryRequest.inDirectory(root.resolve("a/b")));
        assertEquals(List.of(new ComposeSource(main.toString(), main)), found.sources());
        assertEquals(root, found.projectDirectory());
    }

    @Test
    void prefersTheFirstNameAndWarnsWhenSeveralExist() throws IOException {
        file("docker-compose.yaml");
        Path yml = file("compose.yml");
        file("docker-compose.yml");
        ProjectFiles found = discover(DiscoveryRequest.inDirectory(root));
        assertEquals(List.of(new ComposeSource("compose.yml", yml)), found.sources());
        assertEquals(1, warnings.size());
        assertEquals("Found multiple config files with supported names: " + yml + ", " + root.resolve(
                "docker-compose.yml") + ", " + root.resolve("docker-compose.yaml") + "; using " + yml,
                warnings.get(0).message());
        assertEquals(Problem.Severity.WARNING, warnings.get(0).severity());
    }

    @Test
    void explicitFilesKeepTheirOrderAndTheFirstDecidesTheProjectDirectory() throws IOException {
        Path base = file("conf/base.yaml");
        Path extra = file("extra.yaml");
        file("compose.yaml");
        ProjectFiles found = discover(DiscoveryRequest.inDirectory(root).withFiles(List.of("conf/base.yaml",
                "./extra.yaml")));
        assertEquals(List.of(new ComposeSource("conf/base.yaml", base), new ComposeSource("./extra.yaml", extra)),
                found.sources());
        assertEquals(root.resolve("conf"), found.projectDirectory());
    }

    @Test
    void composeFileVariableSplitsOnTheSeparatorUnlessFilesAreGiven() throws IOException {
        Path a = file("a.yaml");
        Path b = file("b.yaml");
        DiscoveryRequest request = DiscoveryRequest.inDirectory(root).withComposeFileVariable("a.yaml;;b.yaml", ";");
        assertEquals(List.of(new ComposeSource("a.yaml", a), new ComposeSource("b.yaml", b)),
                discover(request).sources());
        assertEquals(List.of(new ComposeSource("b.yaml", b)),
                discover(request.withFiles(List.of("b.yaml"))).sources());
        assertEquals(List.of(new ComposeSource("a.yaml", a), new ComposeSource("b.yaml", b)),
                discover(DiscoveryRequest.inDirectory(root).withComposeFileVariable("a.yaml:b.yaml", null)).sources());
    }

    @Test
    void stdinUsesTheWorkingDirectoryUnlessAProjectDirectoryIsGiven() throws IOException {
        ProjectFiles fromStdin = discover(DiscoveryRequest.inDirectory(root).withFiles(List.of("-")));
        assertEquals(List.of(ComposeSource.stdin()), fromStdin.sources());
        assertTrue(fromStdin.sources().get(0).isStdin());
        assertEquals(root, fromStdin.projectDirectory());
        Files.createDirectories(root.resolve("proj"));
        assertEquals(root.resolve("proj"), discover(DiscoveryRequest.inDirectory(root).withFiles(List.of("-"))
                .withProjectDirectory(Path.of("proj"))).projectDirectory());
    }

    @Test
    void projectDirectoryIsWhereTheSearchStarts() throws IOException {
        Path main = file("proj/compose.yaml");
        file("compose.yaml");
        ProjectFiles found = discover(DiscoveryRequest.inDirectory(root).withProjectDirectory(root.resolve("proj")));
        assertEquals(List.of(new ComposeSource(main.toString(), main)), found.sources());
        assertEquals(root.resolve("proj"), found.projectDirectory());
    }

    @Test
    void missingFilesAreAllReportedWithTheirPath() throws IOException {
        file("ok.yaml");
        Files.createDirectories(root.resolve("dir.yaml"));
        ComposeException e = assertThrows(ComposeException.class, () -> discover(new DiscoveryRequest(
                List.of("nope.yaml", "ok.yaml", "dir.yaml"), Optional.empty(), null, root, Optional.empty())));
        assertEquals(2, e.problems().size());
        assertEquals("compose file " + root.resolve("nope.yaml") + " not found", e.problems().get(0).message());
        assertEquals("check the -f / COMPOSE_FILE path (relative paths resolve against " + root + ")",
                e.problems().get(0).hint());
        assertEquals("compose file " + root.resolve("dir.yaml") + " is a directory, not a compose file",
                e.problems().get(1).message());
    }

    @Test
    void nothingFoundIsAnError() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Optional<Path> composeAbove = Optional.empty();
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            for (String name : ComposeFileDiscovery.DEFAULT_NAMES) {
                if (Files.isRegularFile(dir.resolve(name))) {
                    composeAbove = Optional.of(dir.resolve(name));
                }
            }
        }
        Assumptions.assumeTrue(composeAbove.isEmpty(), "a compose file exists above the temp dir");
        ComposeException e = assertThrows(ComposeException.class, () -> discover(DiscoveryRequest.inDirectory(empty)));
        assertTrue(e.getMessage().contains("no configuration file provided: not found"), e.getMessage());
    }
}
