package dev.berth.embedded.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The parts of the firewall that need no iptables. */
class FirewallTest {
    @Test
    void duplicateJumpsAreAllCountedSoThatUninstallingRemovesEveryCopy() {
        String section = "\n:BERTH-FORWARD - [0:0]\n-A FORWARD -j BERTH-FORWARD\n-A FORWARD -j BERTH-FORWARD\n"
                + "-A FORWARD -j DOCKER\n";
        assertEquals(2, Firewall.occurrences(section, "\n-A FORWARD -j BERTH-FORWARD\n"));
        assertEquals(1, Firewall.occurrences(section, "\n-A FORWARD -j DOCKER\n"));
        assertEquals(0, Firewall.occurrences(section, "\n-A FORWARD -j BERTH\n"), "whole lines only");
    }

    @Test
    void eachFamilyHasItsOwnToolsAndOneIpv6Sibling() {
        Firewall ipv4 = new Firewall();
        assertEquals("iptables", ipv4.family().tool());
        assertEquals("ip6tables", ipv4.forIpv6().family().tool());
        assertEquals(ipv4.forIpv6(), ipv4.forIpv6(), "one ip6tables firewall per iptables one");
    }
}
