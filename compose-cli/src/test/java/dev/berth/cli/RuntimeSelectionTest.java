package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.cli.runtime.RuntimeSelector;
import dev.berth.cli.error.UserException;
import dev.berth.runtime.Availability;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSelectionTest {
    private record Provider(String name, Availability availability) implements RuntimeProvider {
        @Override
        public Availability probe() {
            return availability;
        }

        @Override
        public ContainerRuntime open() {
            throw new UnsupportedOperationException();
        }
    }

    private final Provider docker = new Provider("docker",
            Availability.unavailable("/var/run/docker.sock not found", "start dockerd or set DOCKER_HOST"));
    private final Provider embedded = new Provider("embedded", Availability.available("embedded runtime ready"));
    private final Provider broken = new Provider("embedded",
            Availability.unavailable("no cgroup v2", "run on Linux with cgroup v2"));

    @Test
    void theFlagWinsOverTheEnvironment() {
        RuntimeSelector.Choice c = new RuntimeSelector(List.of(docker, embedded))
                .choose("embedded", Map.of("BERTH_RUNTIME", "docker"));
        assertEquals("embedded", c.provider().name());
        assertEquals("using runtime embedded (--runtime=embedded): embedded runtime ready", c.explanation());
    }

    @Test
    void theEnvironmentNamesTheRuntimeWithoutAFlag() {
        UserException e = assertThrows(UserException.class, () -> new RuntimeSelector(List.of(docker, embedded))
                .choose(null, Map.of("BERTH_RUNTIME", "docker")));
        assertEquals("berth: runtime docker (from BERTH_RUNTIME) is not usable: /var/run/docker.sock not found; "
                + "start dockerd or set DOCKER_HOST", e.getMessage());
    }

    @Test
    void withoutAChoiceTheFirstUsableRuntimeIsTaken() {
        assertEquals("using runtime embedded (first usable; choose with --runtime): embedded runtime ready",
                new RuntimeSelector(List.of(docker, embedded)).choose(null, Map.of()).explanation());
    }

    @Test
    void theEmbeddedEngineIsPreferredOverAReachableDockerEngine() {
        Provider reachableDocker = new Provider("docker", Availability.available("Docker Engine 20.10 answers"));
        assertEquals("embedded", new RuntimeSelector(List.of(reachableDocker, embedded)).choose(null, Map.of())
                .provider().name());
        assertEquals("docker", new RuntimeSelector(List.of(broken, reachableDocker)).choose(null, Map.of())
                .provider().name(), "docker when the embedded engine cannot run here");
    }

    @Test
    void whenNoneIsUsableEveryProviderIsListedWithItsReasonAndFix() {
        UserException e = assertThrows(UserException.class,
                () -> new RuntimeSelector(List.of(docker, broken)).choose(null, Map.of()));
        assertEquals("""
                berth: no usable container runtime; tried:
                  embedded: no cgroup v2 (fix: run on Linux with cgroup v2)
                  docker: /var/run/docker.sock not found (fix: start dockerd or set DOCKER_HOST)""", e.getMessage());
    }

    @Test
    void anUnknownNameListsTheAvailableOnes() {
        UserException e = assertThrows(UserException.class,
                () -> new RuntimeSelector(List.of(docker, embedded)).choose("podman", Map.of()));
        assertEquals("berth: no runtime named podman (from --runtime); available: embedded, docker", e.getMessage());
    }

    @Test
    void theCliReportsAnUnknownRuntimeWithExitCode1() {
        Cli.Result r = Cli.raw("--runtime", "nope", "-p", "x", "ps");
        assertEquals(1, r.code());
        assertEquals(true, r.err().startsWith("berth: no runtime named nope (from --runtime); available: "), r.err());
    }
}
