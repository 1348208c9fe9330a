package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Subnets, the default pool and address allocation, without touching the host. */
class IpamTest {
    private static final String ID = "0123456789abcdef";

    @Test
    void subnetArithmetic() {
        Subnet s = Subnet.parse("172.30.4.0/22");
        assertEquals("172.30.4.0/22", s.toString());
        assertEquals(1024, s.size());
        assertEquals("172.30.7.255", Ipv4.format(s.broadcast()));
        assertTrue(s.contains(Ipv4.parse("172.30.6.9")));
        assertFalse(s.contains(Ipv4.parse("172.30.8.0")));
        assertTrue(s.overlaps(Subnet.parse("172.30.5.0/24")));
        assertTrue(Subnet.parse("0.0.0.0/0").contains(Ipv4.parse("255.255.255.255")));
        assertEquals("10.0.0.0/8", Subnet.parse("10.1.2.3/8").toString());
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("1.2.3.256"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("1.2.3"));
    }

    @Test
    void poolSkipsSubnetsInUse() {
        SubnetPool pool = SubnetPool.defaults();
        assertEquals("172.30.0.0/24", pool.pick(List.of(Subnet.parse("172.17.0.0/16"))).orElseThrow().toString());
        assertEquals("172.30.2.0/24", pool.pick(List.of(Subnet.parse("172.30.0.0/23"))).orElseThrow().toString());
        assertEquals(Optional.empty(), pool.pick(List.of(Subnet.parse("172.16.0.0/12"))));
        assertEquals("172.30.1.0/24", pool.pick(List.of(Subnet.parse("172.30.0.7/32"))).orElseThrow().toString());
    }

    @Test
    void defaultPlanUsesTheFirstFreeBlockAndItsFirstAddressAsGateway() {
        Network n = Ipam.plan(NetworkSpec.of(ID, "p_default", false), SubnetPool.defaults(),
                () -> List.of(Subnet.parse("172.30.0.0/24")));
        assertEquals(new Network(ID, "p_default", "br-0123456789ab", "172.30.1.0/24", "172.30.1.0/24", "172.30.1.1",
                false, Map.of()), n);
    }

    @Test
    void allocationSkipsReservedAndTakenAddressesAndKeepsRequestedOnes() {
        Network n = Ipam.plan(NetworkSpec.of(ID, "p", false).withSubnet("10.5.0.0/29")
                .withAuxAddresses(Map.of("router", "10.5.0.2")), SubnetPool.defaults(), List::of);
        Endpoint taken = new Endpoint("c1", ID, "vb1", "eth0", "10.5.0.3", 29, "m", "10.5.0.1", true);
        assertEquals("10.5.0.4", Ipam.allocate(n, List.of(taken), Optional.empty(), "c2"));
        assertEquals("10.5.0.3", Ipam.allocate(n, List.of(taken), Optional.of("10.5.0.3"), "c1"), "own address");
        NetworkException e = assertThrows(NetworkException.class,
                () -> Ipam.allocate(n, List.of(taken), Optional.of("10.5.0.3"), "c2"));
        assertTrue(e.getMessage().contains("already in use by container c1"), e.getMessage());
        assertThrows(NetworkException.class, () -> Ipam.allocate(n, List.of(), Optional.of("10.5.0.1"), "c2"));
        assertThrows(NetworkException.class, () -> Ipam.allocate(n, List.of(), Optional.of("10.6.0.1"), "c2"));
        List<Endpoint> full = List.of(taken, new Endpoint("c3", ID, "v", "eth0", "10.5.0.4", 29, "m", "", true),
                new Endpoint("c4", ID, "v", "eth0", "10.5.0.5", 29, "m", "", true),
                new Endpoint("c5", ID, "v", "eth0", "10.5.0.6", 29, "m", "", true));
        NetworkException exhausted = assertThrows(NetworkException.class,
                () -> Ipam.allocate(n, full, Optional.empty(), "c6"));
        assertTrue(exhausted.getMessage().contains("no free address left in 10.5.0.0/29"), exhausted.getMessage());
    }

    @Test
    void invalidConfigListsAllProblems() {
        NetworkException e = assertThrows(NetworkException.class, () -> Ipam.plan(NetworkSpec.of(ID, "p", false)
                .withSubnet("10.5.0.1/24").withIpRange("10.6.0.0/25").withGateway("10.5.0.255")
                .withAuxAddresses(Map.of("x", "nope")), SubnetPool.defaults(), List::of));
        assertEquals(List.of("subnet '10.5.0.1/24' has host bits set: write 10.5.0.0/24",
                "ip_range 10.6.0.0/25 is not inside subnet 10.5.0.0/24: pick a range inside it",
                "gateway 10.5.0.255 is not a host address of subnet 10.5.0.0/24: pick an address inside it",
                "aux_addresses.x: invalid IPv4 address 'nope'"), e.problems());
    }

    @Test
    void severalIpv4PoolsGiveAddressesFromTheFirstUnlessAnotherIsAskedForOrItIsFull() {
        Network n = Ipam.plan(NetworkSpec.of(ID, "p", false).withSubnet("10.5.0.0/29").withSubnet("10.6.0.0/24")
                .withGateway("10.6.0.254"), SubnetPool.defaults(), List::of);
        assertEquals(List.of(new AddressPool("10.5.0.0/29", "10.5.0.0/29", "10.5.0.1"),
                new AddressPool("10.6.0.0/24", "10.6.0.0/24", "10.6.0.254")), n.pools());
        assertEquals("10.5.0.2", Ipam.allocate(n, List.of(), Optional.empty(), "c1"));
        assertEquals("10.6.0.7", Ipam.allocate(n, List.of(), Optional.of("10.6.0.7"), "c1"), "ipv4_address picks");
        List<Endpoint> firstFull = new java.util.ArrayList<>();
        for (int host = 2; host <= 6; host++) {
            firstFull.add(new Endpoint("c" + host, ID, "v", "eth0", "10.5.0." + host, 29, "m", "", true));
        }
        assertEquals("10.6.0.1", Ipam.allocate(n, firstFull, Optional.empty(), "new"), "the next pool when full");
        NetworkException outside = assertThrows(NetworkException.class,
                () -> Ipam.allocate(n, List.of(), Optional.of("10.7.0.1"), "c1"));
        assertTrue(outside.getMessage().contains("is not in any of the subnets 10.5.0.0/29, 10.6.0.0/24"),
                outside.getMessage());
        assertEquals(List.of("10.6.0.0/24"), NetworkManager.onLinkSubnets(n, firstFull.get(0)));
    }

    @Test
    void ipv6PoolsNeedEnableIpv6AndGiveEachEndpointAnAddressAndTheGateway() {
        Network n = Ipam.plan(NetworkSpec.of(ID, "p", false).withIpv6().withSubnet("FD00:BEEF:0:0::/64"),
                SubnetPool.defaults(), () -> List.of(Subnet.parse("172.30.0.0/24")));
        assertEquals(List.of(new AddressPool("172.30.1.0/24", "172.30.1.0/24", "172.30.1.1"),
                new AddressPool("fd00:beef::/64", "fd00:beef::/64", "fd00:beef::1")), n.pools(),
                "a default IPv4 pool first, the IPv6 pool in canonical form");
        assertTrue(n.ipv6Enabled());
        Endpoint first = new Endpoint("c1", ID, "v", "eth0", "172.30.1.2", 24, "m", "172.30.1.1", true,
                "fd00:beef::2", 64, "fd00:beef::1");
        assertEquals("fd00:beef::2", Ipam.allocateIpv6(n, List.of(), Optional.empty(), "c1"));
        assertEquals("fd00:beef::3", Ipam.allocateIpv6(n, List.of(first), Optional.empty(), "c2"));
        assertEquals("fd00:beef::10", Ipam.allocateIpv6(n, List.of(first), Optional.of("fd00:beef:0::10"), "c2"));
        NetworkException taken = assertThrows(NetworkException.class,
                () -> Ipam.allocateIpv6(n, List.of(first), Optional.of("fd00:beef::2"), "c2"));
        assertTrue(taken.getMessage().startsWith("ipv6_address fd00:beef::2 on network p is already in use by"
                + " container c1"), taken.getMessage());
        assertThrows(NetworkException.class, () -> Ipam.allocateIpv6(n, List.of(), Optional.of("fd00:beef::1"), "c2"),
                "the gateway");
        assertEquals(List.of("nat BERTH-POSTROUTING -s fd00:beef::/64 ! -o br-0123456789ab -j MASQUERADE"),
                NetworkManager.rules6(n).stream().filter(r -> r.table().equals("nat"))
                        .map(r -> r.table() + " " + r.chain() + " " + r.spec()).toList());

        NetworkException notEnabled = assertThrows(NetworkException.class, () -> Ipam.plan(NetworkSpec.of(ID, "p",
                false).withSubnet("fd00:beef::/64"), SubnetPool.defaults(), List::of));
        assertEquals(List.of("subnet fd00:beef::/64 is IPv6 but the network does not enable IPv6: set enable_ipv6:"
                + " true or remove the subnet"), notEnabled.problems());
        NetworkException noSubnet = assertThrows(NetworkException.class, () -> Ipam.plan(NetworkSpec.of(ID, "p",
                false).withIpv6(), SubnetPool.defaults(), List::of));
        assertTrue(noSubnet.getMessage().contains("enable_ipv6 needs an IPv6 subnet in ipam.config"),
                noSubnet.getMessage());
        NetworkException overlapping = assertThrows(NetworkException.class, () -> Ipam.plan(NetworkSpec.of(ID, "p",
                false).withSubnet("10.5.0.0/16").withSubnet("10.5.1.0/24"), SubnetPool.defaults(), List::of));
        assertTrue(overlapping.getMessage().contains("subnet 10.5.1.0/24 overlaps subnet 10.5.0.0/16 of the same"
                + " network"), overlapping.getMessage());
    }

    @Test
    void networksAndEndpointsWithIpv6SurviveTheStateFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Network n = Ipam.plan(NetworkSpec.of(ID, "p", true).withIpv6().withSubnet("10.5.0.0/24")
                .withSubnet("fd00:beef::/64").withIpRange("fd00:beef::100/120"), SubnetPool.defaults(), List::of);
        Endpoint endpoint = new Endpoint("c1", ID, "v", "eth0", "10.5.0.2", 24, "m", "", false, "fd00:beef::100",
                64, "");
        NetworkStore store = new NetworkStore(dir);
        store.save(new NetworkStore.State(n, Map.of("c1", endpoint)));
        NetworkStore.State loaded = store.loadAll().get(0);
        assertEquals(n, loaded.network());
        assertEquals(endpoint, loaded.endpoints().get("c1"));
    }

    @Test
    void macFollowsDockersClassicScheme() {
        assertEquals("02:42:ac:1e:00:02", Ipam.macFor("172.30.0.2"));
    }

    @Test
    void rulesOfInternalAndNatNetworks() {
        Network nat = new Network(ID, "n", "br-x", "172.30.9.0/24", "172.30.9.0/24", "172.30.9.1", false, Map.of());
        assertEquals(List.of("filter BERTH-ISOLATE -i br-x ! -o br-x -j BERTH-ISOLATE-2",
                "filter BERTH-ISOLATE-2 -o br-x -j DROP", "filter BERTH-FORWARD -i br-x -o br-x -j ACCEPT",
                "filter BERTH-FORWARD -o br-x -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "filter BERTH-FORWARD -i br-x ! -o br-x -j ACCEPT",
                "nat BERTH-POSTROUTING -s 172.30.9.0/24 ! -o br-x -j MASQUERADE"),
                NetworkManager.rules(nat).stream().map(r -> r.table() + " " + r.chain() + " " + r.spec()).toList());
        Network internal = new Network(ID, "n", "br-x", "172.30.9.0/24", "172.30.9.0/24", "172.30.9.1", true,
                Map.of());
        assertEquals(List.of("filter BERTH-ISOLATE -i br-x ! -o br-x -j DROP",
                "filter BERTH-ISOLATE ! -i br-x -o br-x -j DROP", "filter BERTH-FORWARD -i br-x -o br-x -j ACCEPT"),
                NetworkManager.rules(internal).stream().map(r -> r.table() + " " + r.chain() + " " + r.spec()).toList());
    }
}
