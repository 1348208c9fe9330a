package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.berth.embedded.testing.LoopbackClient.freePorts;
import static dev.berth.embedded.testing.LoopbackClient.tcpEcho;
import static dev.berth.embedded.testing.LoopbackClient.udpEcho;

import dev.berth.embedded.net.ContainerNetns;
import dev.berth.embedded.testing.EchoServerImage;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.RuntimeOperationException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Published ports through the SPI on real runc containers (root), served by the tests' own static echo server:
 * UDP on fixed and ephemeral host ports, TCP and UDP on the same host port number, host-port ranges (a taken port
 * skipped, a full range a clear error) and a taken fixed port refused before the container runs. Traffic goes
 * only to 127.0.0.1; every network and container is this test's own.
 */
class EmbeddedPublishedPortsTest {
    private static final ImageRef ECHO = ImageRef.of("berth-ports-test/echo:test");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @RegisterExtension
    final NetworkTestRuntime fixture = new NetworkTestRuntime("berth-ports", ECHO.value(), EchoServerImage::build);
    private EmbeddedRuntime runtime;
    private String run;
    private String network;

    @BeforeEach
    void setUp() throws Exception {
        runtime = fixture.runtime();
        run = fixture.run();
        network = runtime.createNetwork(NetworkSpec.bridge("berth-ports-" + run, fixture.labels())).name();
    }

    @Test
    void udpPortsServeLoopbackOnFixedAndEphemeralHostPortsAndTcpSharesTheirNumber() throws Exception {
        int fixed = freePorts(1);
        ContainerId echo = start("echo", List.of(new PortBinding("127.0.0.1", fixed, 7007, "udp"),
                new PortBinding("127.0.0.1", 0, 7007, "udp"), new PortBinding("127.0.0.1", fixed, 7008, "tcp")),
                "7007", "7008");
        List<PortBinding> published = runtime.inspect(echo).ports();
        assertEquals(3, published.size(), published.toString());
        int ephemeral = published.stream().filter(p -> p.protocol().equals("udp") && p.hostPort() != fixed)
                .mapToInt(PortBinding::hostPort).findFirst().orElseThrow(() -> new AssertionError(published));

        assertEquals("udp 7007 fixed", udpEcho(fixed, "fixed"), "the fixed udp port");
        assertEquals("udp 7007 ephemeral", udpEcho(ephemeral, "ephemeral"), "the ephemeral udp port");
        assertEquals("tcp 7008 same-number", tcpEcho(fixed, "same-number"), "tcp on the same host port number");
        assertEquals("udp 7007 again", udpEcho(fixed, "again"), "and udp still answers beside it");

        runtime.stop(echo, Duration.ofSeconds(1));
        assertEquals(List.of(), runtime.inspect(echo).ports());
        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(LOOPBACK, fixed))) {
            assertEquals(fixed, rebound.getLocalPort(), "a stopped container frees its udp port");
        }
    }

    @Test
    void aHostPortRangeSkipsTakenPortsGivesEachContainerItsOwnAndFailsClearlyWhenFull() throws Exception {
        int first = freePorts(3);
        List<PortBinding> range = List.of(PortBinding.range("127.0.0.1", first, first + 2, 7007, "tcp"));
        try (ServerSocket taken = new ServerSocket(first, 1, LOOPBACK)) {
            ContainerId a = start("range-a", range, "7007");
            ContainerId b = start("range-b", range, "7007");
            assertEquals(first + 1, hostPort(a), "the taken first port is skipped");
            assertEquals(first + 2, hostPort(b), "the next container gets the next free port");
            assertEquals("tcp 7007 a", tcpEcho(first + 1, "a"));
            assertEquals("tcp 7007 b", tcpEcho(first + 2, "b"));

            ContainerId c = runtime.create(container("range-c", range, "7007").build());
            RuntimeOperationException full = assertThrows(RuntimeOperationException.class, () -> runtime.start(c));
            assertTrue(full.getMessage().contains("every port of " + first + "-" + (first + 2) + " on 127.0.0.1/tcp"
                    + " is already in use"), full.getMessage());
            assertFalse(runtime.inspect(c).state().running());
            assertFalse(Files.exists(Path.of("/run/netns", ContainerNetns.nameFor(runtime.inspect(c).id().value()))),
                    "a container that could not publish leaves no namespace");
        }
    }

    @Test
    void consecutiveUdpPortsOfAContainerRangeAreEachPublishedAndATakenFixedPortIsRefused() throws Exception {
        int first = freePorts(2);
        // what the model makes of "127.0.0.1:F-F+1:7007-7008/udp": one fixed binding per port
        ContainerId echo = start("pair", List.of(new PortBinding("127.0.0.1", first, 7007, "udp"),
                new PortBinding("127.0.0.1", first + 1, 7008, "udp")), "7007", "7008");
        assertEquals("udp 7007 x", udpEcho(first, "x"));
        assertEquals("udp 7008 y", udpEcho(first + 1, "y"));

        ContainerId clash = runtime.create(container("clash", List.of(new PortBinding("127.0.0.1", first + 1, 7008,
                "udp")), "7008").build());
        RuntimeOperationException taken = assertThrows(RuntimeOperationException.class, () -> runtime.start(clash));
        assertTrue(taken.getMessage().contains("port " + (first + 1) + " on 127.0.0.1/udp is already in use"),
                taken.getMessage());
        assertEquals("udp 7008 still", udpEcho(first + 1, "still"), "the first container keeps its port");
        assertTrue(runtime.inspect(echo).state().running());
    }

    // ---------------------------------------------------------------- helpers

    private ContainerSpec.Builder container(String suffix, List<PortBinding> ports, String... serverPorts) {
        return ContainerSpec.builder("berth-ports-" + run + "-" + suffix, ECHO).command(List.of(serverPorts))
                .labels(Map.of("test.run", run)).networks(List.of(NetworkAttachment.of(network))).ports(ports);
    }

    private ContainerId start(String suffix, List<PortBinding> ports, String... serverPorts) {
        ContainerId id = runtime.create(container(suffix, ports, serverPorts).build());
        runtime.start(id);
        return id;
    }

    private int hostPort(ContainerId id) {
        List<PortBinding> ports = runtime.inspect(id).ports();
        assertEquals(1, ports.size(), ports.toString());
        return ports.get(0).hostPort();
    }
}
