package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Version;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BerthContextBuildsTest {

    private static BuildSpec.Builder spec() {
        return BuildSpec.builder(Path.of("/src/app"), ImageRef.of("app:1"));
    }

    @Test
    void resolvesRelativeDirectoriesAgainstTheContextAndKeepsImageAndStageRefs() {
        BuildSpec spec = spec().additionalContext("shared", "../shared").additionalContext("bin", "/bin")
                .additionalContext("base", "docker-image://busybox:1").additionalContext("s", "target:build").build();

        assertEquals(Map.of("shared", "/src/shared", "bin", "/bin", "base", "docker-image://busybox:1",
                "s", "target:build"), BerthContextBuilds.contexts(spec));
    }

    @Test
    void refusesContextsTheEngineCannotRead() {
        BuildSpec spec = spec().additionalContext("git", "https://example.invalid/repo.git").build();

        UnsupportedOperationRuntimeException e = assertThrows(UnsupportedOperationRuntimeException.class,
                () -> BerthContextBuilds.contexts(spec));
        assertTrue(e.getMessage().contains("git"), e.getMessage());
    }

    @Test
    void queryCarriesTheClassicParametersAndTheContextsAsJson() {
        BuildSpec spec = spec().tag(ImageRef.of("app:latest")).dockerfile("docker/Dockerfile").arg("A", "x y")
                .target("final").noCache(true).additionalContext("bin", "/bin").build();

        List<String> params = new ArrayList<>();
        for (String pair : BerthContextBuilds.query(spec).split("&")) {
            params.add(URLDecoder.decode(pair, StandardCharsets.UTF_8));
        }

        assertTrue(params.containsAll(List.of("t=app:1", "t=app:latest", "dockerfile=docker/Dockerfile",
                "buildargs={\"A\":\"x y\"}", "target=final", "nocache=1", "rm=1",
                "berth.contexts={\"bin\":\"/bin\"}")), params.toString());
    }

    @Test
    void theContextDirectoryServesUnlessADockerignoreOrAnInlineDockerfileNeedsTheArchive(@TempDir Path dir)
            throws Exception {
        assertTrue(BerthContextBuilds.directoryServes(BuildSpec.builder(dir, ImageRef.of("app:1")).build()));
        assertFalse(BerthContextBuilds.directoryServes(BuildSpec.builder(dir, ImageRef.of("app:1"))
                .dockerfileInline("FROM scratch\n").build()));
        Files.writeString(dir.resolve(".dockerignore"), "secret\n");
        assertFalse(BerthContextBuilds.directoryServes(BuildSpec.builder(dir, ImageRef.of("app:1")).build()));
    }

    @Test
    void aBerthEngineListsItsExtensionsInTheVersionAndOthersListNone() throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Version berth = json.readValue("{\"Platform\":{\"Name\":\"Berth Engine\"},\"Components\":[{\"Name\":"
                + "\"Engine\",\"Version\":\"1\",\"Details\":{\"BerthExtensions\":\"berth.contexts,berth.context-dir\"}}]}",
                Version.class);
        Version dockerd = json.readValue("{\"Components\":[{\"Name\":\"Engine\",\"Version\":\"24\",\"Details\":"
                + "{\"Os\":\"linux\"}}]}", Version.class);

        assertEquals(Set.of("berth.contexts", "berth.context-dir"), DockerConnector.extensions(berth));
        assertEquals(Set.of(), DockerConnector.extensions(dockerd));
        assertEquals(Set.of(), DockerConnector.extensions(new Version()));
    }
}
