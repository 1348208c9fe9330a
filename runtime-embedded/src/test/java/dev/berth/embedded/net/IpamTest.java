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
