package dev.berth.daemon.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildQueryTest {

    @Test
    void readsDockerCliParameters() {
        BuildQuery q = BuildQuery.parse(Map.ofEntries(
                Map.entry("t", List.of("app:1", "app:latest", "")),
                Map.entry("dockerfile", List.of("docker/./Dockerfile.dev")),
                Map.entry("buildargs", List.of("{\"A\":\"1\",\"FROM_ENV\":null}")),
                Map.entry("labels", List.of("{\"team\":\"x\"}")),
                Map.entry("target", List.of("final")),
                Map.entry("nocache", List.of("1")),
                Map.entry("pull", List.of("true")),
                Map.entry("networkmode", List.of("host")),
                Map.entry("extrahosts", List.of("a:10.0.0.1,b:10.0.0.2", "c:10.0.0.3")),
                Map.entry("shmsize", List.of("67108864")),
                Map.entry("platform", List.of("linux/amd64")),
                Map.entry("q", List.of("1")),
                Map.entry("rm", List.of("1")),
                Map.entry("forcerm", List.of("1"))));

        assertEquals(List.of("app:1", "app:latest"), q.tags());
        assertEquals("docker/Dockerfile.dev", q.dockerfile());
        assertEquals(Map.of("A", "1"), q.buildArgs());
        assertEquals(Map.of("team", "x"), q.labels());
        assertEquals(Optional.of("final"), q.target());
        assertTrue(q.noCache());
        assertTrue(q.pull());
        assertEquals(Optional.of("host"), q.network());
        assertEquals(List.of("a:10.0.0.1", "b:10.0.0.2", "c:10.0.0.3"), q.extraHosts());
        assertEquals(Optional.of(67108864L), q.shmSize());
        assertEquals(Optional.of("linux/amd64"), q.platform());
        assertTrue(q.quiet());
    }

    @Test
    void defaultsMatchDockerd() {
        BuildQuery q = BuildQuery.parse(Map.of("networkmode", List.of("default"), "shmsize", List.of("0"),
                "target", List.of(""), "buildargs", List.of("null")));

        assertEquals(List.of(), q.tags());
        assertEquals("Dockerfile", q.dockerfile());
        assertEquals(Map.of(), q.buildArgs());
        assertEquals(Optional.empty(), q.network());
        assertEquals(Optional.empty(), q.shmSize());
        assertEquals(Optional.empty(), q.target());
        assertFalse(q.noCache());
        assertFalse(q.quiet());
    }

    @Test
    void berthContextsBecomeAdditionalContextsOfTheSpec() {
        BuildQuery q = BuildQuery.parse(Map.of("t", List.of("app"), BuildQuery.CONTEXTS_PARAM, List.of(
                "{\"hostbin\":\"/bin\",\"base\":\"docker-image://busybox:1\",\"stage\":\"target:builder\"}")));

        BuildSpec spec = q.toSpec(Path.of("/tmp/ctx"), List.of("app", "app:2"));

        assertEquals(Map.of("hostbin", "/bin", "base", "docker-image://busybox:1", "stage", "target:builder"),
                spec.additionalContexts());
        assertEquals(List.of(ImageRef.of("app"), ImageRef.of("app:2")), spec.tags());
        assertEquals(Path.of("/tmp/ctx"), spec.context());
    }

    @Test
    void refusesRelativeContextPathsBecauseTheEngineCannotResolveThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildQuery.parse(
                Map.of(BuildQuery.CONTEXTS_PARAM, List.of("{\"x\":\"../shared\"}"))));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
    }

    @Test
    void refusesBadJsonAndBadSizesNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BuildQuery.parse(
                Map.of("buildargs", List.of("{nope")))).getMessage().startsWith("buildargs:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BuildQuery.parse(
                Map.of("labels", List.of("[1]")))).getMessage().startsWith("labels:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BuildQuery.parse(
                Map.of("shmsize", List.of("-1")))).getMessage().startsWith("shmsize:"));
    }

    @Test
    void refusesDockerfilesOutsideTheContext() {
        assertThrows(IllegalArgumentException.class, () -> BuildQuery.parse(
                Map.of("dockerfile", List.of("../Dockerfile"))));
        assertThrows(IllegalArgumentException.class, () -> BuildQuery.parse(
                Map.of("dockerfile", List.of("/etc/Dockerfile"))));
    }

    @Test
    void refusesRemoteContextsAndBuildKit() {
        assertThrows(UnsupportedOperationRuntimeException.class, () -> BuildQuery.parse(
                Map.of("remote", List.of("https://example.invalid/repo.git"))));
        UnsupportedOperationRuntimeException e = assertThrows(UnsupportedOperationRuntimeException.class,
                () -> BuildQuery.parse(Map.of("version", List.of("2"))));
        assertTrue(e.getMessage().contains("DOCKER_BUILDKIT=0"), e.getMessage());
    }
}
