package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
