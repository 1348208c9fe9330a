package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The DNAT and FORWARD rules of published ports, per address family (no firewall is touched). */
class PortPublisherRulesTest {
    private static List<String> rules(PublishedPort... ports) {
        return PortPublisher.rules("br-test", List.of(ports)).stream()
                .map(r -> r.table() + " " + r.chain() + " " + r.spec()).toList();
    }

    @Test
    void loopbackAddressesOfBothFamiliesNeedNoRulesTheProxyServesThem() {
        assertEquals(List.of(), rules(new PublishedPort("tcp", "127.0.0.1", 8080, "172.30.1.2", 80),
                new PublishedPort("tcp", "::1", 8080, "fd00:1::2", 80),
                new PublishedPort("tcp", "0:0:0:0:0:0:0:1", 8081, "fd00:1::2", 80)));
    }

    @Test
    void ipv6HostAddressesGetIpv6DnatToTheBracketedContainerAddress() {
        assertEquals(List.of(
                "nat BERTH-PORTS -d fd00:9::5/128 ! -i br-test -p tcp -m tcp --dport 8080 -j DNAT --to-destination"
                        + " [fd00:1::2]:80",
                "filter BERTH-FORWARD -d fd00:1::2/128 ! -i br-test -o br-test -p tcp -m tcp --dport 80 -j ACCEPT",
                "nat BERTH-PORTS ! -i br-test -p udp -m udp --dport 5353 -j DNAT --to-destination [fd00:1::2]:53",
                "filter BERTH-FORWARD -d fd00:1::2/128 ! -i br-test -o br-test -p udp -m udp --dport 53 -j ACCEPT"),
                rules(new PublishedPort("tcp", "fd00:9::5", 8080, "fd00:1::2", 80),
                        new PublishedPort("udp", "::", 5353, "fd00:1::2", 53)));
    }

    @Test
    void ipv4HostAddressesKeepTheirRules() {
        assertEquals(List.of(
                "nat BERTH-PORTS -d 10.0.0.5/32 ! -i br-test -p tcp -m tcp --dport 8080 -j DNAT --to-destination"
                        + " 172.30.1.2:80",
                "filter BERTH-FORWARD -d 172.30.1.2/32 ! -i br-test -o br-test -p tcp -m tcp --dport 80 -j ACCEPT"),
                rules(new PublishedPort("tcp", "10.0.0.5", 8080, "172.30.1.2", 80)));
    }
}
