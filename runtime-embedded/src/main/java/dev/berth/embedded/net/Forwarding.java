package dev.berth.embedded.net;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The host's forwarding switches that non-internal networks need (as Docker sets them), and the router-advertisement
 * guard of bridges that carry IPv6.
 */
final class Forwarding {
    private static final Path IPV4 = Path.of("/proc/sys/net/ipv4/ip_forward");
    private static final Path IPV6_CONF = Path.of("/proc/sys/net/ipv6/conf");
    private static final Set<String> NOT_INTERFACES = Set.of("all", "default", "lo");

    private Forwarding() {
    }

    static void enableIpv4() {
        try {
            if (!Files.readString(IPV4).trim().equals("1")) {
                Files.writeString(IPV4, "1\n");
            }
        } catch (IOException e) {
            throw new NetworkException("cannot enable IPv4 forwarding (" + e.getMessage()
                    + "): run as root or set net.ipv4.ip_forward=1");
        }
    }

    /**
     * Turns IPv6 forwarding on. With forwarding on, Linux ignores router advertisements on interfaces whose
     * {@code accept_ra} is 1, so those are set to 2 first: the host keeps the addresses and routes it learns from its
     * routers.
     */
    static void enableIpv6() {
        Path all = IPV6_CONF.resolve("all").resolve("forwarding");
        try {
            if (Files.readString(all).trim().equals("1")) {
                return;
            }
            try (DirectoryStream<Path> interfaces = Files.newDirectoryStream(IPV6_CONF)) {
                for (Path conf : interfaces) {
                    Path acceptRa = conf.resolve("accept_ra");
                    if (!NOT_INTERFACES.contains(conf.getFileName().toString()) && Files.exists(acceptRa)
                            && Files.readString(acceptRa).trim().equals("1")) {
                        Files.writeString(acceptRa, "2\n");
                    }
                }
            }
            Files.writeString(all, "1\n");
        } catch (IOException e) {
            throw new NetworkException("cannot enable IPv6 forwarding (" + e.getMessage()
                    + "): run as root or set net.ipv6.conf.all.forwarding=1");
        }
    }

    /** A bridge never learns routes from router advertisements its containers send. */
    static void ignoreRouterAdvertisements(String bridge) {
        Path acceptRa = IPV6_CONF.resolve(bridge).resolve("accept_ra");
        try {
            Files.writeString(acceptRa, "0\n");
        } catch (IOException e) {
            throw new NetworkException("cannot set " + acceptRa + " to 0 (" + e.getMessage() + "): run as root");
        }
    }
}
