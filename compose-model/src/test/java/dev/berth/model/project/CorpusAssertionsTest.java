package dev.berth.model.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.model.canonical.CanonicalContext;
import dev.berth.model.canonical.Canonicalizer;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.MapNode;
import dev.berth.model.yaml.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The compose-go assertions of a selection of corpus cases, translated by hand to the Berth model. */
class CorpusAssertionsTest {

    private static Project load(String id) throws IOException {
        Path module = Path.of("").toAbsolutePath();
        Path corpus = module.getParent().getParent().resolve("shared/conformance");
        if (!Files.isDirectory(corpus)) {
            corpus = module.getParent().resolve("../shared/conformance").normalize();
        }
        Assumptions.assumeTrue(Files.isDirectory(corpus), "conformance corpus not found");
        Path dir = corpus.resolve("cases").resolve(id);
        JsonNode env = new ObjectMapper().readTree(dir.resolve("expect.json").toFile()).path("env");
        MapNode raw = (MapNode) YamlReader.read("compose.yaml", Files.readString(dir.resolve("compose.yaml")));
        Problems problems = new Problems(p -> { });
        MapNode canonical = Canonicalizer.canonicalize(raw, new CanonicalContext("test", dir,
                k -> Optional.ofNullable(env.get(k)).map(JsonNode::asText), null, null, true, false), problems);
        problems.throwIfErrors();
        return ProjectBinder.bind(canonical, dir);
    }

    @Test
    void portsRange() throws IOException {
        List<PortConfig> ports = load("cg-TestPortsRange").service("foo").ports();
        assertEquals(3, ports.size());
        assertEquals(8080L, ports.get(0).target());
        assertEquals("80", ports.get(0).published());
        assertEquals(8082L, ports.get(2).target());
        assertEquals("82", ports.get(2).published());
    }

    @Test
    void extraHosts() throws IOException {
        assertEquals(Map.of("alpha", List.of("50.31.209.229"), "zulu", List.of("127.0.0.2", "ff02::1")),
                load("cg-TestExtraHostsList").service("foo").extraHosts());
        assertEquals(Map.of("myhost", List.of("0.0.0.1", "0.0.0.2")),
                load("cg-TestExtraHostsLongSyntax").service("foo").extraHosts());
    }

    @Test
    void deviceMapping() throws IOException {
        assertEquals(List.of(new DeviceMapping("/dev/source", "/dev/target", "permissions"),
                new DeviceMapping("/dev/single", "/dev/single", "rwm")),
                load("cg-TestDeviceMapping").service("test").devices());
    }

    @Test
    void ulimits() throws IOException {
        assertEquals(Map.of("nproc", new Ulimit(65535L, 65535L), "nofile", new Ulimit(20000L, 40000L)),
                load("cg-TestUlimits").service("foo").ulimits());
    }

    @Test
    void environment() throws IOException {
        Map<String, String> env = load("cg-TestEnvironmentMap").service("foo").environment();
        assertEquals(Map.of("FOO", "1", "BAR", "2", "GA", "2.5", "BU", "", "MEU", "Shadoks"), env);
        assertNull(env.get("ZO"));
    }

    @Test
    void healthcheck() throws IOException {
        Healthcheck hc = load("cg-TestHealthcheck").services().values().iterator().next().healthcheck();
        assertEquals(List.of("CMD-SHELL", "echo \"hello world\""), hc.test());
        assertEquals("10s", hc.interval());
        assertEquals("1s", hc.timeout());
        assertEquals(5L, hc.retries());
        assertEquals("15s", hc.startPeriod());
        assertEquals("5s", hc.startInterval());
    }

    @Test
    void secretAndConfigContentFromEnvironment() throws IOException {
        Project p = load("cg-TestSecretEnvironmentResolution");
        assertEquals("BU", p.configs().get("config").content());
        assertEquals("Shadoks", p.secrets().get("secret").content());
    }

    @Test
    void bindCreateHostPathDefault() throws IOException {
        Project p = load("cg-TestVolumeBindCreateHostPathDefault");
        assertEquals(Boolean.TRUE, p.service("short").volumes().get(0).bind().createHostPath());
        assertEquals(Boolean.TRUE, p.service("long").volumes().get(0).bind().createHostPath());
    }

    @Test
    void dependsOnObject() throws IOException {
        Map<String, DependsOn> deps = load("cg-TestLoadWithDependsOn").service("foo").dependsOn();
        assertEquals(new DependsOn("service_started", true, false), deps.get("bar"));
        assertEquals(new DependsOn("service_healthy", false, false), deps.get("baz"));
        assertEquals(new DependsOn("service_completed_successfully", true, false), deps.get("qux"));
    }

    @Test
    void commandAndEntrypointStrings() throws IOException {
        assertEquals(List.of("bundle", "exec", "thin", "-p", "3000"), load("cg-TestCommandString").service("foo").command());
        assertEquals(List.of("/code/entrypoint.sh", "-p", "3000"),
                load("cg-TestEntrypointString").service("foo").entrypoint());
    }

    @Test
    void buildSshAndShmSize() throws IOException {
        assertEquals(Map.of("default", ""), load("cg-TestBuildSSH").service("foo").build().ssh());
        assertEquals(128L * 1024 * 1024, load("cg-TestBuildShmSize").service("foo").build().shmSize());
    }

    @Test
    void tmpfsSizeZeroAndDeployDurations() throws IOException {
        assertEquals(0L, load("cg-TestLoadTmpfsVolumeSizeCanBeZero").service("tmpfs").volumes().get(0).tmpfs().size());
        RestartPolicy rp = load("cg-TestDeployRestartPolicy").services().values().iterator().next().deploy()
                .restartPolicy();
        assertEquals("on-failure", rp.condition());
        assertEquals("5s", rp.delay());
        assertEquals(3L, rp.maxAttempts());
        assertEquals("2m0s", rp.window());
    }

    @Test
    void legacyBoolean() throws IOException {
        assertEquals(Boolean.TRUE, load("cg-TestLoadLegacyBoolean").service("test").init());
    }
}
