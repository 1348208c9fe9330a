package dev.berth.embedded.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.image.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciSpecFactoryTest {
    private static final HostLimits HOST = new HostLimits(Map.of("RLIMIT_NOFILE", 20000L, "RLIMIT_NPROC", 96364L),
            0x1fffeffffffL);
    private static final ImageConfig.Defaults IMAGE = new ImageConfig.Defaults("app", List.of("PATH=/bin", "A=image"),
            List.of("/entry"), List.of("default-arg"), "/srv", null, null, null, null);
    @TempDir
    Path rootfs;
    EtcFiles.Paths etc;
    OciSpecFactory factory;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\napp:x:1000:\nwheel:x:10:app,other\n");
        etc = new EtcFiles.Paths(Path.of("/state/hosts"), Path.of("/state/resolv.conf"), Path.of("/state/hostname"));
        factory = new OciSpecFactory(HOST, Path.of("/usr/bin/tini-static"));
    }

    private ObjectNode spec(ContainerConfig config) {
        return factory.spec("id1", config, IMAGE, rootfs, etc, "host1", "/berth/id1");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void argsEnvUserAndCwdFollowDockerRules() {
        ObjectNode spec = spec(ContainerConfig.builder("img").env("A", "mine").env("B", "2").build());
        JsonNode process = spec.get("process");
        assertEquals(List.of("/entry", "default-arg"), texts(process.get("args")));
        assertEquals(List.of("PATH=/bin", "HOSTNAME=host1", "A=mine", "B=2", "HOME=/home/app"), texts(process.get("env")));
        assertEquals(1000, process.at("/user/uid").asInt());
        assertEquals(List.of("1000", "10"), texts(process.at("/user/additionalGids")));
        assertEquals("/srv", process.get("cwd").asText());

        JsonNode overridden = spec(ContainerConfig.builder("img").entrypoint("/other").user("0:wheel").build()).get("process");
        assertEquals(List.of("/other"), texts(overridden.get("args")), "a new entrypoint drops the image's CMD");
        assertEquals(0, overridden.at("/user/uid").asInt());
        assertEquals(10, overridden.at("/user/gid").asInt());

        JsonNode numeric = spec(ContainerConfig.builder("img").user("4242").command("x").build()).get("process");
        assertEquals(List.of("/entry", "x"), texts(numeric.get("args")));
        assertEquals(4242, numeric.at("/user/uid").asInt());
        assertEquals(0, numeric.at("/user/gid").asInt());
        assertThrows(IllegalArgumentException.class, () -> spec(ContainerConfig.builder("img").user("nobody").build()));
    }

    @Test
    void aTerminalStartsWithTheConsoleSizeAndExecsDoNotInheritIt() {
        ContainerConfig config = ContainerConfig.builder("img").tty(true)
                .consoleSize(new ContainerConfig.ConsoleSize(43, 132)).build();
        JsonNode process = spec(config).get("process");
        assertTrue(process.get("terminal").asBoolean());
        assertEquals(43, process.at("/consoleSize/height").asInt());
        assertEquals(132, process.at("/consoleSize/width").asInt());
        OciSpecFactory.ProcessSpec exec = factory.process(config, IMAGE, rootfs, "host1");
        assertFalse(factory.execProcess(exec, config).has("consoleSize"), "an exec's terminal is sized by its shim");
        assertFalse(spec(ContainerConfig.builder("img").consoleSize(new ContainerConfig.ConsoleSize(43, 132)).build())
                .get("process").has("consoleSize"), "without a terminal there is nothing to size");
    }

    @Test
    void defaultSecurityMatchesDocker() {
        ObjectNode spec = spec(ContainerConfig.builder("img").build());
        assertEquals(Capabilities.DOCKER_DEFAULTS, texts(spec.at("/process/capabilities/effective")));
        assertEquals(14, Capabilities.DOCKER_DEFAULTS.size());
        assertTrue(texts(spec.at("/linux/maskedPaths")).containsAll(List.of("/proc/kcore", "/proc/keys", "/proc/timer_list")));
        assertEquals(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                texts(spec.at("/linux/readonlyPaths")));
        List<String> namespaces = StreamSupport.stream(spec.at("/linux/namespaces").spliterator(), false)
                .map(n -> n.get("type").asText()).toList();
        assertEquals(List.of("pid", "ipc", "uts", "mount", "network"), namespaces);
        List<String> destinations = texts(StreamSupport.stream(spec.get("mounts").spliterator(), false)
                .map(m -> m.get("destination")).collect(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance::arrayNode,
                        com.fasterxml.jackson.databind.node.ArrayNode::add, com.fasterxml.jackson.databind.node.ArrayNode::addAll));
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
                "/etc/resolv.conf", "/etc/hostname", "/etc/hosts"), destinations);
        assertTrue(texts(spec.at("/mounts/2/options")).contains("newinstance"));
        assertTrue(texts(spec.at("/mounts/6/options")).contains("size=67108864"));
        assertEquals("/state/hosts", spec.at("/mounts/9/source").asText());
        assertEquals("host1", spec.get("hostname").asText());
        assertEquals("/berth/id1", spec.at("/linux/cgroupsPath").asText());
    }

    @Test
    void hostNamespacesAreLeftOutAndSharedOnesJoinTheOtherContainersNamespace() {
        ObjectNode host = spec(ContainerConfig.builder("img")
                .namespaces(new ContainerConfig.Namespaces("host", "host", "host")).build());
        assertEquals(List.of("mount", "network"), namespaceTypes(host));
        assertFalse(host.has("hostname"), "the host's UTS namespace keeps the host's name");
        assertEquals("/dev/shm", shm(host).get("source").asText(), "the host's IPC comes with the host's /dev/shm");

        ObjectNode shared = factory.spec("id1", ContainerConfig.builder("img")
                .namespaces(new ContainerConfig.Namespaces("container:c-db", "container:c-db", null)).build(), IMAGE,
                rootfs, etc, "host1", "/berth/id1", null, Map.of("ipc", Path.of("/proc/42"), "pid", Path.of("/proc/42")));
        assertEquals(List.of("pid", "ipc", "uts", "mount", "network"), namespaceTypes(shared));
        assertEquals("/proc/42/ns/pid", shared.at("/linux/namespaces/0/path").asText());
        assertEquals("/proc/42/ns/ipc", shared.at("/linux/namespaces/1/path").asText());
        assertFalse(shared.at("/linux/namespaces/2").has("path"));
        assertEquals("tmpfs", shm(shared).get("type").asText(), "without a shared one, its own /dev/shm");
        assertEquals("host1", shared.get("hostname").asText());
    }

    @Test
    void aSharedShmDirectoryIsBoundAsDevShmAndAPrivateContainerMountsItsOwnTmpfs() {
        ContainerConfig joiner = ContainerConfig.builder("img")
                .namespaces(new ContainerConfig.Namespaces("container:c-db", null, null)).shmSize(1024).build();
        JsonNode bound = shm(factory.spec("id1", joiner, IMAGE, rootfs, etc, "host1", "/berth/id1", null,
                Map.of("ipc", Path.of("/proc/42")), Path.of("/lib/containers/c-db/mounts/shm")));
        assertEquals("bind", bound.get("type").asText());
        assertEquals("/lib/containers/c-db/mounts/shm", bound.get("source").asText());
        assertEquals(List.of("rbind", "nosuid", "noexec", "nodev"), texts(bound.get("options")),
                "the donor's tmpfs as it is (its size, not the joiner's)");

        JsonNode own = shm(spec(ContainerConfig.builder("img").shmSize(1024).build()));
        assertEquals("tmpfs", own.get("type").asText(), "a private container's tmpfs is made inside its namespace");
        assertEquals(List.of("nosuid", "noexec", "nodev", "mode=1777", "size=1024"), texts(own.get("options")));
    }

    private static List<String> namespaceTypes(ObjectNode spec) {
        return StreamSupport.stream(spec.at("/linux/namespaces").spliterator(), false)
                .map(n -> n.get("type").asText()).toList();
    }

    private static JsonNode shm(ObjectNode spec) {
        return StreamSupport.stream(spec.get("mounts").spliterator(), false)
                .filter(m -> m.get("destination").asText().equals("/dev/shm")).findFirst().orElseThrow();
    }

    @Test
    void capabilitiesPrivilegedAndHostNetwork() {
        List<String> caps = texts(spec(ContainerConfig.builder("img").capAdd("net_admin").capDrop("CAP_MKNOD")
                .capDrop("kill").build()).at("/process/capabilities/effective"));
        assertTrue(caps.contains("CAP_NET_ADMIN"));
        assertFalse(caps.contains("CAP_MKNOD") || caps.contains("CAP_KILL"));
        assertEquals(List.of("CAP_CHOWN"), texts(spec(ContainerConfig.builder("img").capDrop("ALL").capAdd("CHOWN")
                .build()).at("/process/capabilities/effective")));

        ObjectNode privileged = spec(ContainerConfig.builder("img").privileged(true).network(ContainerConfig.NetworkMode.HOST).build());
        List<String> all = texts(privileged.at("/process/capabilities/effective"));
        assertTrue(all.contains("CAP_SYS_ADMIN"));
        assertFalse(all.contains("CAP_SYS_RESOURCE"), "not in this process's bounding set");
        assertTrue(privileged.at("/linux/maskedPaths").isMissingNode());
        assertFalse(privileged.at("/linux/namespaces").toString().contains("network"));
        assertEquals("bind", privileged.at("/mounts/3/type").asText(), "/sys is bound from the host with host networking");
    }

    @Test
    void rlimitsAreClampedToTheHardLimits() {
        JsonNode rlimits = spec(ContainerConfig.builder("img").ulimit("nofile", 65536, 1048576)
                .ulimit("nproc", 100, 200).build()).at("/process/rlimits");
        assertEquals("{\"type\":\"RLIMIT_NOFILE\",\"hard\":20000,\"soft\":20000}", rlimits.get(0).toString());
        assertEquals("{\"type\":\"RLIMIT_NPROC\",\"hard\":200,\"soft\":100}", rlimits.get(1).toString());
    }

    @Test
    void resourcesTmpfsSysctlsReadOnlyAndInit() {
        ObjectNode spec = spec(ContainerConfig.builder("img").readOnlyRootfs(true).init(true).tmpfs("/run", "size=1m")
                .sysctl("net.core.somaxconn", "1024").shmSize(1024).domainname("example.org")
                .resources(new ContainerConfig.Resources(64L << 20, 128L << 20, 1.5, 512L, "0", "0", 50L)).build());
        assertTrue(spec.at("/root/readonly").asBoolean());
        assertEquals(List.of("/sbin/docker-init", "--", "/entry", "default-arg"), texts(spec.at("/process/args")));
        assertEquals("{\"limit\":67108864,\"swap\":134217728}", spec.at("/linux/resources/memory").toString());
        assertEquals("{\"period\":100000,\"quota\":150000,\"shares\":512,\"cpus\":\"0\",\"mems\":\"0\"}",
                spec.at("/linux/resources/cpu").toString());
        assertEquals(50, spec.at("/linux/resources/pids/limit").asInt());
        assertEquals("1024", spec.at("/linux/sysctl/net.core.somaxconn").asText());
        assertEquals("example.org", spec.get("domainname").asText());
        String mounts = spec.get("mounts").toString();
        assertTrue(mounts.contains("{\"destination\":\"/run\",\"type\":\"tmpfs\",\"source\":\"tmpfs\","
                + "\"options\":[\"nosuid\",\"nodev\",\"noexec\",\"size=1m\"]}"), mounts);
        assertTrue(mounts.contains("\"size=1024\""));
        assertTrue(mounts.contains("{\"destination\":\"/sbin/docker-init\",\"type\":\"bind\",\"source\":\"/usr/bin/tini-static\""));
    }

    @Test
    void etcFilesAreWritten() throws IOException {
        EtcFiles.Paths files = EtcFiles.write(rootfs, ContainerConfig.builder("img").extraHost("db:10.0.0.5")
                .dns("9.9.9.9").dnsSearch("corp").build(), "web");
        assertEquals("web\n", Files.readString(files.hostname()));
        assertTrue(Files.readString(files.hosts()).startsWith("127.0.0.1\tlocalhost\n"));
        assertTrue(Files.readString(files.hosts()).endsWith("10.0.0.5\tdb\n"));
        String resolv = Files.readString(files.resolvConf());
        assertTrue(resolv.startsWith("search corp\nnameserver 9.9.9.9\n"), resolv);
    }

    @Test
    void userFilesAreReadWithoutEscapingTheRootfs() throws IOException {
        Path outside = Files.createTempFile("passwd", "");
        try {
            Files.writeString(outside, "evil:x:0:0::/:/bin/sh\n");
            Files.delete(rootfs.resolve("etc/passwd"));
            Files.createSymbolicLink(rootfs.resolve("etc/passwd"), outside);
            assertThrows(IllegalArgumentException.class, () -> new UserResolver(rootfs).resolve("evil", List.of()),
                    "an absolute symlink is resolved inside the rootfs, not on the host");
        } finally {
            Files.deleteIfExists(outside);
        }
    }
}
