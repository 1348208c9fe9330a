package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines with their own state roots on one host (root only): subnets are chosen under the host-wide lock, so
 * they never pick the same one, and an explicitly configured subnet that another engine's bridge has is refused.
 */
class HostWideSubnetChoiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private NetFixture first;
    private NetFixture second;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        Assumptions.assumeTrue(NetFixture.canRun(), "needs root, iproute2, iptables and busybox-static");
        first = new NetFixture();
        second = new NetFixture();
    }

    @AfterEach
    void tearDown() {
        for (NetFixture fx : new NetFixture[] {first, second}) {
            if (fx != null) {
                fx.close();
            }
        }
    }

    @Test
    void twoEnginesCreatingNetworksAtOnceGetDisjointSubnetsAndEveryBridgeHasItsGateway() throws Exception {
        int threadsPerEngine = 3;
        int networksPerThread = 2;
        ExecutorService threads = Executors.newFixedThreadPool(2 * threadsPerEngine);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Network>>> runs = new ArrayList<>();
        try {
            for (NetworkManager manager : List.of(first.manager, second.manager)) {
                for (int t = 0; t < threadsPerEngine; t++) {
                    runs.add(threads.submit(() -> {
                        start.await();
                        List<Network> made = new ArrayList<>();
                        for (int i = 0; i < networksPerThread; i++) {
                            made.add(manager.create(NetworkSpec.of(NetFixture.newId(), "p" + i + "_default", false)));
                        }
                        return made;
                    }));
                }
            }
            start.countDown();
            List<Network> all = new ArrayList<>();
            for (Future<List<Network>> run : runs) {
                all.addAll(run.get(120, TimeUnit.SECONDS));
            }
            assertEquals(2 * threadsPerEngine * networksPerThread, all.size());
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    assertFalse(all.get(i).parsedSubnet().overlaps(all.get(j).parsedSubnet()),
                            all.get(i).subnet() + " of " + all.get(i).bridge() + " overlaps " + all.get(j).subnet()
                                    + " of " + all.get(j).bridge());
                }
            }
            for (Network network : all) {
                assertEquals(List.of(network.gateway() + "/" + network.parsedSubnet().prefix()),
                        addressesOf(network.bridge()), "addresses of " + network.bridge());
            }
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aConfiguredSubnetThatAnotherEnginesBridgeHasIsRefusedAndLeavesNothingBehind() throws Exception {
        Network taken = first.manager.create(NetworkSpec.of(NetFixture.newId(), "ci_default", false)
                .withSubnet("10.214.9.0/24"));
        // a private lock file with a short wait: were the lock still held after the refusal, the next create would
        // fail at once (the lock is not reentrant) instead of going through
        NetworkManager other = new NetworkManager(second.stateDir, second.firewall, SubnetPool.defaults(),
                new HostNetworkLock(tmp.resolve("berth-ipam.lock"), Duration.ofSeconds(5)));
        String id = NetFixture.newId();
        NetworkException clash = assertThrows(NetworkException.class, () -> other.create(
                NetworkSpec.of(id, "test_default", false).withSubnet("10.214.9.128/25")));
        assertEquals(List.of("subnet 10.214.9.128/25 of network test_default overlaps the host's address "
                + taken.gateway() + "/24 of interface " + taken.bridge() + ": choose another subnet in ipam.config,"
                + " or remove that interface (another engine's network?) first"), clash.problems());
        assertTrue(other.networks().isEmpty());
        assertFalse(NetworkManager.linkExists(Network.bridgeName(id)), "a bridge was left for the refused network");
        assertTrue(new NetworkManager(second.stateDir).networks().isEmpty(), "the refused network was persisted");

        Network next = other.create(NetworkSpec.of(id, "test_default", false));
        try {
            assertFalse(next.parsedSubnet().overlaps(taken.parsedSubnet()));
            assertEquals(List.of(next.gateway() + "/24"), addressesOf(next.bridge()));
        } finally {
            other.remove(next.id());
        }
    }

    private static List<String> addressesOf(String device) throws Exception {
        JsonNode links = JSON.readTree(Exec.check(List.of("ip", "-j", "-4", "addr", "show", "dev", device), null,
                "listing addresses of " + device).stdout());
        List<String> addresses = new ArrayList<>();
        for (JsonNode link : links) {
            for (JsonNode addr : link.path("addr_info")) {
                addresses.add(addr.get("local").asText() + "/" + addr.get("prefixlen").asInt());
            }
        }
        return addresses;
    }
}
