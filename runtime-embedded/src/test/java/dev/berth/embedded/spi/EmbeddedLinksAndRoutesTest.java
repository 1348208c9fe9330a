package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Links and gateway priorities through the SPI on real runc containers (root): a link alias resolves for the
 * linking container only, and the default route goes through the network of highest {@code gwPriority}. Networks
 * and containers are this test's own (random names, own engine root, removed by {@link NetworkTestRuntime});
 * traffic only to the test's namespaces.
 */
class EmbeddedLinksAndRoutesTest {
    private static final ImageRef IMAGE = ImageRef.of("berth-links-test/busybox:test");

    @RegisterExtension
    final NetworkTestRuntime fixture = new NetworkTestRuntime("berth-links-e2e", IMAGE.value(), BusyboxImage::build);
    private EmbeddedRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = fixture.runtime();
    }

    @Test
    void aLinkAliasResolvesForTheLinkingContainerOnly() throws Exception {
        String net = network("default");
        ContainerId db = start(container("db").networks(List.of(NetworkAttachment.of(net, "db"))));
        String dbName = runtime.inspect(db).name();
        ContainerId linking = start(container("a").networks(List.of(NetworkAttachment.of(net, "a")
                .withLinks(List.of(new NetworkAttachment.Link(dbName, "database"))))));
        ContainerId other = start(container("b").networks(List.of(NetworkAttachment.of(net, "b"))));
        String dbAddress = address(db);

        assertEquals(dbAddress, resolve(linking, "database"), "the linking container resolves the alias");
        assertEquals(dbAddress, resolve(linking, "db"), "and the service name");
        assertNotEquals(0, sh(other, "busybox nslookup database").exitCode(),
                "another container on the same network does not see the alias");
        assertEquals(dbAddress, resolve(other, "db"), "but it sees the network's names");
    }

    @Test
    void eachReplicaOfALinkedServiceResolvesByItsNumberedAliasesForTheLinkingContainer() throws Exception {
        String net = network("scaled");
        ContainerId db1 = start(container("db-1").networks(List.of(NetworkAttachment.of(net, "db"))));
        ContainerId db2 = start(container("db-2").networks(List.of(NetworkAttachment.of(net, "db"))));
        // the links compose-engine writes for links: [db] in project "proj": per replica the alias, <svc>-<n> and
        // <project>-<svc>-<n>, n being the replica's own number
        List<NetworkAttachment.Link> links = new ArrayList<>();
        for (ContainerId replica : List.of(db1, db2)) {
            String replicaName = runtime.inspect(replica).name();
            String number = replicaName.substring(replicaName.length() - 1);
            links.add(new NetworkAttachment.Link(replicaName, "db"));
            links.add(new NetworkAttachment.Link(replicaName, "db-" + number));
            links.add(new NetworkAttachment.Link(replicaName, "proj-db-" + number));
        }
        ContainerId linking = start(container("web-1").networks(List.of(NetworkAttachment.of(net, "web")
                .withLinks(links))));
        ContainerId other = start(container("other-1").networks(List.of(NetworkAttachment.of(net, "other"))));

        assertEquals(address(db1), resolve(linking, "db-1"));
        assertEquals(address(db2), resolve(linking, "db-2"));
        assertEquals(address(db1), resolve(linking, "proj-db-1"));
        assertEquals(address(db2), resolve(linking, "PROJ-DB-2."), "names are case-insensitive, a final dot is allowed");
        assertTrue(List.of(address(db1), address(db2)).contains(resolve(linking, "db")));
        for (String alias : List.of("db-1", "proj-db-2")) {
            assertNotEquals(0, sh(other, "busybox nslookup " + alias).exitCode(),
                    "a container without the links does not see " + alias);
        }
    }

    @Test
    void theDefaultRouteGoesThroughTheNetworkOfHighestGatewayPriority() throws Exception {
        String first = network("first");
        String second = network("second");
        ContainerId preferred = start(container("preferred").networks(List.of(
                NetworkAttachment.of(first).withPriorities(10, 0),
                NetworkAttachment.of(second).withPriorities(0, 5))));
        ContainerId plain = start(container("plain").networks(List.of(NetworkAttachment.of(first),
                NetworkAttachment.of(second))));

        assertEquals("default via " + gateway(second) + " dev eth1", defaultRoute(preferred),
                "second is eth1 (lower priority) yet carries the default route (higher gw_priority)");
        assertEquals("default via " + gateway(first) + " dev eth0", defaultRoute(plain),
                "without gateway priorities the first network carries it");
    }

    // ---------------------------------------------------------------- helpers

    private String name(String suffix) {
        return "berth-links-" + fixture.run() + "-" + suffix;
    }

    private String network(String suffix) {
        return runtime.createNetwork(NetworkSpec.bridge(name(suffix), fixture.labels())).name();
    }

    private String gateway(String network) {
        return runtime.inspectNetwork(network).ipam().get(0).gateway().orElseThrow();
    }

    private ContainerSpec.Builder container(String suffix) {
        return ContainerSpec.builder(name(suffix), IMAGE).command(List.of("sleep", "3600"))
                .labels(Map.of(NetworkTestRuntime.LABEL, fixture.run()));
    }

    private ContainerId start(ContainerSpec.Builder spec) {
        ContainerId id = runtime.create(spec.build());
        runtime.start(id);
        return ContainerId.of(runtime.inspect(id).id().value());
    }

    private ExecResult sh(ContainerId id, String script) {
        return runtime.exec(id, ExecSpec.of("sh", "-c", script));
    }

    /** The container's own address on its (only) network, from its /etc/hosts. */
    private String address(ContainerId id) {
        String hosts = sh(id, "cat /etc/hosts").stdout().trim();
        return hosts.substring(hosts.lastIndexOf('\n') + 1).split("\\s+")[0];
    }

    /** The IPv4 address the container's resolver gives for {@code name}. */
    private String resolve(ContainerId id, String name) {
        ExecResult r = sh(id, "busybox nslookup -type=a " + name);
        assertEquals(0, r.exitCode(), name + " does not resolve: " + r.stdout() + r.stderr());
        String answer = r.stdout().substring(r.stdout().indexOf("Name:"));
        return answer.replaceAll("(?s).*Address:\\s*([0-9.]+).*", "$1").trim();
    }

    private String defaultRoute(ContainerId id) {
        ExecResult r = sh(id, "busybox ip route | grep ^default");
        assertTrue(r.exitCode() == 0, r.stderr());
        return r.stdout().trim().replaceAll("\\s+", " ");
    }
}
