package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LogConfig;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.Resources;
import dev.berth.runtime.RestartPolicy;
import dev.berth.runtime.TerminalSize;
import dev.berth.runtime.Ulimit;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecTranslatorTest {
    @TempDir
    Path temp;

    private static ContainerSpec.Builder spec() {
        return ContainerSpec.builder("web-1", ImageRef.of("busybox:test"));
    }

    /** Networks "front" (id net-front) and "back" exist, and a running container "db" (id c-db). */
    private static final SpecTranslator.References REFERENCES = new SpecTranslator.References() {
        @Override
        public String networkId(String name) {
            if (!networkExists(name)) {
                throw new NotFoundException("create container", name, "no such network");
            }
            return "net-" + name;
        }

        @Override
        public boolean networkExists(String name) {
            return name.equals("front") || name.equals("back");
        }

        @Override
        public String containerId(String nameOrId) {
            if (!nameOrId.equals("db")) {
                throw new NotFoundException("create container", nameOrId, "no such container");
            }
            return "c-db";
        }

        @Override
        public List<ContainerConfig.BindMount> volumesOf(String nameOrId) {
            containerId(nameOrId);
            return List.of(new ContainerConfig.BindMount("/v/db/_data", "/var/lib/db", false, null, null),
                    new ContainerConfig.BindMount("/srv/conf", "/etc/db", true, "rslave", null),
                    new ContainerConfig.BindMount("/v/logs/_data", "/logs", false, null, null));
        }
    };

    private ContainerConfig translate(ContainerSpec spec) {
        return SpecTranslator.translate(spec, v -> new SpecTranslator.VolumeSource(temp.resolve("volumes")
                .resolve(v.name().orElse("anon")).resolve("_data"), null),
                f -> temp.resolve("injected").resolve(f.target().substring(1)), REFERENCES);
    }

    @Test
    void everySupportedFieldReachesTheEngineConfig() {
        ContainerConfig c = translate(spec()
                .entrypoint(List.of("/bin/sh", "-c")).command(List.of("echo hi"))
                .env(Map.of("A", "1")).labels(Map.of("com.docker.compose.project", "p"))
                .workingDir("/w").user("app").hostname("h").domainname("example.org").tty(true).init(true)
                .stdinOpen(true).stopSignal("SIGINT").stopGracePeriod(Duration.ofMillis(2500))
                .restartPolicy(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 3))
                .healthcheck(new Healthcheck(List.of("CMD", "true"), Duration.ofSeconds(2), Duration.ofSeconds(1),
                        Duration.ofSeconds(3), Duration.ofMillis(500), 4))
                .resources(new Resources(Optional.of(64L << 20), Optional.of(128L << 20), Optional.of(0.5),
                        Optional.of(512), Optional.of("0"), Optional.of(50L)))
                .mounts(List.of(new Mount.Bind(temp.toString(), "/host", true, Optional.empty(), false),
                        Mount.Volume.named("data", "/data"), new Mount.Tmpfs("/scratch", 1 << 20, 01777)))
                .networks(List.of(NetworkAttachment.of("front", "web")))
                .ports(List.of(new PortBinding("127.0.0.1", 8080, 80, "tcp"), new PortBinding("", 0, 53, "udp")))
                .extraHosts(List.of("db:10.0.0.2")).dns(List.of("1.1.1.1")).dnsSearch(List.of("example.org"))
                .dnsOptions(List.of("ndots:1"))
                .capAdd(List.of("NET_ADMIN")).capDrop(List.of("MKNOD")).readOnly(true)
                .sysctls(Map.of("net.core.somaxconn", "1024")).ulimits(List.of(new Ulimit("nofile", 1024, 2048)))
                .shmSize(1L << 26).tmpfs(Map.of("/run", "size=1m")).groupAdd(List.of("extra"))
                .logConfig(new LogConfig("json-file", Map.of("max-size", "10m", "max-file", "3")))
                .build());
        assertEquals(List.of("/bin/sh", "-c"), c.entrypoint());
        assertEquals(List.of("echo hi"), c.command());
        assertEquals(Map.of("A", "1"), c.env());
        assertEquals("p", c.labels().get("com.docker.compose.project"));
        assertEquals("/w", c.workingDir());
        assertEquals("app", c.user());
        assertEquals("h", c.hostname());
        assertEquals("example.org", c.domainname());
        assertTrue(c.tty() && c.init() && c.readOnlyRootfs());
        assertTrue(c.openStdin() && !c.stdinOnce(), "stdin kept open for attach");
        assertEquals("SIGINT", c.stopSignal());
        assertEquals(3, c.stopTimeoutSeconds(), "grace periods round up to whole seconds");
        assertEquals(new ContainerConfig.RestartPolicy(ContainerConfig.RestartPolicy.Name.ON_FAILURE, 3),
                c.restartPolicy());
        assertEquals(new ContainerConfig.Healthcheck(List.of("CMD", "true"), 2000, 1000, 4, 3000, 500),
                c.healthcheck());
        assertEquals(new ContainerConfig.Resources(64L << 20, 128L << 20, 0.5, 512L, "0", null, 50L), c.resources());
        assertEquals(List.of(new ContainerConfig.BindMount(temp.toString(), "/host", true),
                new ContainerConfig.BindMount(temp.resolve("volumes/data/_data").toString(), "/data", false)),
                c.binds());
        assertEquals(Map.of("/run", "size=1m", "/scratch", "size=1048576,mode=1777"), c.tmpfs());
        assertEquals(ContainerConfig.NetworkMode.BRIDGE, c.network());
        assertEquals(List.of(new ContainerConfig.NetworkEndpoint("net-front", List.of("web"), null, null, 1, 0)),
                c.networks());
        assertEquals(List.of(new ContainerConfig.PortMapping("tcp", "127.0.0.1", 8080, 8080, 80),
                new ContainerConfig.PortMapping("udp", "0.0.0.0", 0, 0, 53)), c.ports(),
                "no host address means all; host port 0 means ephemeral");
        assertEquals(List.of("ndots:1"), c.dnsOptions());
        assertEquals(List.of("db:10.0.0.2"), c.extraHosts());
        assertEquals(List.of("1.1.1.1"), c.dns());
        assertEquals(List.of("example.org"), c.dnsSearch());
        assertEquals(List.of("NET_ADMIN"), c.capAdd());
        assertEquals(List.of("MKNOD"), c.capDrop());
        assertEquals(Map.of("net.core.somaxconn", "1024"), c.sysctls());
        assertEquals(List.of(new ContainerConfig.Ulimit("nofile", 1024, 2048)), c.ulimits());
        assertEquals(1L << 26, c.shmSize());
        assertEquals(List.of("extra"), c.groupAdd());
        assertEquals(10L << 20, c.logMaxSize());
        assertEquals(3, c.logMaxFiles());
    }

    @Test
    void stdinOnceClosesAnOpenStdinAfterTheFirstClientOnly() {
        ContainerConfig once = translate(spec().stdinOpen(true).stdinOnce(true).build());
        assertTrue(once.openStdin() && once.stdinOnce(), "docker run -i: stdin ends with the attached client's input");
        assertFalse(translate(spec().stdinOnce(true).build()).stdinOnce(), "stdin-once means nothing without stdin");
    }

    @Test
    void theConsoleSizeReachesATerminalOnly() {
        ContainerConfig sized = translate(spec().tty(true).consoleSize(new TerminalSize(132, 43)).build());
        assertEquals(new ContainerConfig.ConsoleSize(43, 132), sized.consoleSize());
        assertNull(translate(spec().consoleSize(new TerminalSize(132, 43)).build()).consoleSize());
    }

    @Test
    void emptyEntrypointAndCommandKeepTheImagesAndHostModeMapsToTheHostNetwork() {
        ContainerConfig c = translate(spec().networkMode("host").build());
        assertNull(c.entrypoint());
        assertNull(c.command());
        assertEquals(ContainerConfig.NetworkMode.HOST, c.network());
    }

    @Test
    void networksKeepTheSpecsOrderWithStaticAddressesAndTheModesMapToNamespaces() {
        ContainerConfig c = translate(spec().networks(List.of(new NetworkAttachment("back", List.of("db"),
                Optional.of("10.0.0.5"), Optional.empty(), Optional.of("02:42:0a:00:00:05")),
                NetworkAttachment.of("front"))).build());
        assertEquals(List.of(new ContainerConfig.NetworkEndpoint("net-back", List.of("db"), "10.0.0.5",
                "02:42:0a:00:00:05", 2, 0), new ContainerConfig.NetworkEndpoint("net-front", List.of(), null, null,
                1, 0)), c.networks(), "earlier networks get a higher priority, so eth0 is the first");

        ContainerConfig shared = translate(spec().networkMode("container:db").build());
        assertEquals(ContainerConfig.NetworkMode.CONTAINER, shared.network());
        assertEquals("c-db", shared.networkContainer());
        assertEquals(ContainerConfig.NetworkMode.NONE, translate(spec().networkMode("none").build()).network());
        ContainerConfig named = translate(spec().networkMode("front").build());
        assertEquals(List.of("net-front"), named.networks().stream().map(ContainerConfig.NetworkEndpoint::networkId)
                .toList(), "a network name as network mode joins that network");
        ContainerConfig own = translate(spec().build());
        assertEquals(ContainerConfig.NetworkMode.BRIDGE, own.network(), "no networks: an own namespace, loopback only");
        assertTrue(own.networks().isEmpty());
        assertThrows(NotFoundException.class, () -> translate(spec().networkMode("container:nope").build()));
    }

    @Test
    void fieldsTheEngineCannotHonourAreRefusedByName() {
        assertRefused(spec().ports(List.of(PortBinding.tcp(8080, 80))).build(), "ports");
        assertRefused(spec().networkMode("none").ports(List.of(PortBinding.tcp(8080, 80))).build(), "ports");
        assertRefused(spec().networkMode("container:db").networks(List.of(NetworkAttachment.of("front"))).build(),
                "networks");
        assertRefused(spec().networkMode("no-such-net").build(), "networkMode");
        assertRefused(spec().networks(List.of(NetworkAttachment.of("front")))
                .ports(List.of(new PortBinding("", 80, 80, "sctp"))).build(), "ports");
        assertRefused(spec().devices(List.of(new dev.berth.runtime.DeviceMapping("/dev/fuse", "/dev/fuse", "rwm")))
                .build(), "devices");
        assertRefused(spec().securityOpt(List.of("no-new-privileges:true")).build(), "securityOpt");
        assertRefused(spec().pidMode("service:db").build(), "pidMode");
        assertRefused(spec().utsMode("container:db").build(), "utsMode");
        assertRefused(spec().cgroupnsMode("host").build(), "cgroupnsMode");
        assertRefused(spec().utsMode("host").hostname("mine").build(), "hostname");
        assertRefused(spec().logConfig(new LogConfig("syslog", Map.of())).build(), "logConfig.driver");
    }

    @Test
    void namespaceModesMapToHostOrToTheOtherContainersId() {
        ContainerConfig own = translate(spec().ipcMode("private").pidMode("private").build());
        assertEquals(ContainerConfig.Namespaces.PRIVATE, own.namespaces());
        ContainerConfig shareable = translate(spec().ipcMode("shareable").pidMode("shareable").build());
        assertEquals(new ContainerConfig.Namespaces("shareable", null, null), shareable.namespaces(),
                "a shareable IPC namespace offers its /dev/shm; a shareable PID namespace is just its own");
        ContainerConfig host = translate(spec().ipcMode("host").pidMode("host").utsMode("host").build());
        assertEquals(new ContainerConfig.Namespaces("host", "host", "host"), host.namespaces());
        ContainerConfig shared = translate(spec().ipcMode("container:db").pidMode("container:db").build());
        assertEquals(java.util.Optional.of("c-db"), shared.namespaces().container("ipc"));
        assertEquals(java.util.Optional.of("c-db"), shared.namespaces().container("pid"));
        assertThrows(NotFoundException.class, () -> translate(spec().pidMode("container:nope").build()));
    }

    @Test
    void linksAndGatewayPrioritiesReachEachMembershipAndPrioritiesOrderTheInterfaces() {
        List<NetworkAttachment.Link> links = List.of(new NetworkAttachment.Link("proj-db-1", "database"));
        ContainerConfig c = translate(spec().networks(List.of(
                NetworkAttachment.of("front").withLinks(links).withPriorities(0, 1),
                NetworkAttachment.of("back").withPriorities(10, 5))).build());
        assertEquals(List.of("net-back", "net-front"), c.networks().stream()
                .map(ContainerConfig.NetworkEndpoint::networkId).toList(), "priority 10 first: eth0");
        assertEquals(List.of(5, 1), c.networks().stream().map(ContainerConfig.NetworkEndpoint::gwPriority).toList());
        assertEquals(List.of(new ContainerConfig.Link("proj-db-1", "database")), c.networks().get(1).links());
        assertTrue(c.networks().get(0).links().isEmpty());
    }

    @Test
    void portsMayBePublishedOnAnIpv6HostAddressButNotOnAName() {
        ContainerConfig c = translate(spec().networks(List.of(NetworkAttachment.of("front")))
                .ports(List.of(new PortBinding("::1", 8080, 80, "tcp"))).build());
        assertEquals("::1", c.ports().get(0).hostIp());
        assertRefused(spec().networks(List.of(NetworkAttachment.of("front")))
                .ports(List.of(new PortBinding("localhost", 8080, 80, "tcp"))).build(), "ports");
    }

    @Test
    void aFixedIpv6AddressStaysWithTheMembership() {
        ContainerConfig c = translate(spec().networks(List.of(new NetworkAttachment("front", List.of(),
                Optional.empty(), Optional.of("fd00::5"), Optional.empty()))).build());
        assertEquals("fd00::5", c.networks().get(0).ipv6());
    }

    private void assertRefused(ContainerSpec spec, String field) {
        UnsupportedOperationRuntimeException e = assertThrows(UnsupportedOperationRuntimeException.class,
                () -> translate(spec));
        assertTrue(e.getMessage().contains(field + ":"), e.getMessage());
    }

    @Test
    void aMissingBindSourceIsCreatedOnlyWhenAllowed() {
        Path missing = temp.resolve("made/here");
        assertThrows(NotFoundException.class, () -> translate(spec().mounts(List.of(
                new Mount.Bind(missing.toString(), "/x", false, Optional.empty(), false))).build()));
        translate(spec().mounts(List.of(new Mount.Bind(missing.toString(), "/x", false, Optional.empty(), true)))
                .build());
        assertTrue(java.nio.file.Files.isDirectory(missing));
    }

    @Test
    void dockerSizes() {
        assertEquals(10, SpecTranslator.bytes("10"));
        assertEquals(10, SpecTranslator.bytes("10b"));
        assertEquals(2048, SpecTranslator.bytes("2k"));
        assertEquals(3L << 20, SpecTranslator.bytes("3m"));
        assertEquals(3L << 20, SpecTranslator.bytes("3MB"));
        assertEquals(1L << 30, SpecTranslator.bytes("1g"));
    }

    @Test
    void bindPropagationBecomesTheMountsOption() {
        ContainerConfig c = translate(spec().mounts(List.of(
                new Mount.Bind(temp.toString(), "/shared", false, Optional.of("rshared"), false),
                new Mount.Bind(temp.toString(), "/plain", false, Optional.empty(), false))).build());
        assertEquals(List.of(new ContainerConfig.BindMount(temp.toString(), "/shared", false, "rshared", null),
                new ContainerConfig.BindMount(temp.toString(), "/plain", false, null, null)), c.binds());
        assertEquals("rprivate", c.binds().get(1).propagationOrDefault());
        UnsupportedOperationRuntimeException e = assertThrows(UnsupportedOperationRuntimeException.class,
                () -> translate(spec().mounts(List.of(new Mount.Bind(temp.toString(), "/x", false,
                        Optional.of("sideways"), false))).build()));
        assertTrue(e.getMessage().contains("mounts[/x].propagation") && e.getMessage().contains("sideways"),
                e.getMessage());
    }

    @Test
    void volumesFromTakesTheOtherContainersMountsExceptThoseItMountsItself() {
        ContainerConfig c = translate(spec().mounts(List.of(Mount.Volume.named("own", "/logs")))
                .volumesFrom(List.of(new dev.berth.runtime.VolumesFrom("db", true))).build());
        assertEquals(List.of(
                new ContainerConfig.BindMount(temp.resolve("volumes/own/_data").toString(), "/logs", false, null,
                        null),
                new ContainerConfig.BindMount("/v/db/_data", "/var/lib/db", true, null, null),
                new ContainerConfig.BindMount("/srv/conf", "/etc/db", true, "rslave", null)), c.binds());
        ContainerConfig asSource = translate(spec()
                .volumesFrom(List.of(new dev.berth.runtime.VolumesFrom("db", false))).build());
        assertEquals(List.of(false, true, false), asSource.binds().stream().map(ContainerConfig.BindMount::readOnly)
                .toList(), "rw keeps each mount as the source has it");
        assertThrows(NotFoundException.class, () -> translate(spec()
                .volumesFrom(List.of(new dev.berth.runtime.VolumesFrom("nope", false))).build()));
    }
}
