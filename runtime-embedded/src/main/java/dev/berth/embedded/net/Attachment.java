package dev.berth.embedded.net;

import java.util.Optional;

/**
 * One network of a service as compose describes it: fixed {@code ipv4_address}/{@code ipv6_address}/
 * {@code mac_address}, {@code priority} (higher = connected first, so it gets {@code eth0}) and {@code gw_priority}
 * (the non-internal network with the highest one carries the default route).
 */
public record Attachment(String networkId, Optional<String> ipv4, Optional<String> mac, int priority,
                         int gwPriority, Optional<String> ipv6) {
    public Attachment(String networkId, Optional<String> ipv4, Optional<String> mac, int priority, int gwPriority) {
        this(networkId, ipv4, mac, priority, gwPriority, Optional.empty());
    }

    public static Attachment of(String networkId) {
        return new Attachment(networkId, Optional.empty(), Optional.empty(), 0, 0);
    }

    public Attachment withPriority(int value) {
        return new Attachment(networkId, ipv4, mac, value, gwPriority, ipv6);
    }

    public Attachment withGwPriority(int value) {
        return new Attachment(networkId, ipv4, mac, priority, value, ipv6);
    }

    public Attachment withIpv4(String address) {
        return new Attachment(networkId, Optional.of(address), mac, priority, gwPriority, ipv6);
    }

    public Attachment withIpv6(String address) {
        return new Attachment(networkId, ipv4, mac, priority, gwPriority, Optional.of(address));
    }
}
