package dev.berth.embedded.net;

/**
 * One published port as asked: protocol {@code tcp}/{@code udp}, host address ({@code 0.0.0.0} = all; an IPv6
 * address such as {@code ::1} too), a host port range (both 0 = ephemeral; start = end = a fixed port) and the
 * container port.
 */
public record PortBinding(String protocol, String hostIp, int hostPortStart, int hostPortEnd, int containerPort) {
    public PortBinding {
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
        }
        if (hostPortStart < 0 || hostPortEnd < hostPortStart || hostPortEnd > 65535) {
            throw new IllegalArgumentException("invalid host port range " + hostPortStart + "-" + hostPortEnd);
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("invalid container port " + containerPort);
        }
        if (Ipv6.looksLikeIpv6(hostIp)) {
            Ipv6.parse(hostIp);
        } else {
            Ipv4.parse(hostIp);
        }
    }

    /** Whether the host address is an IPv6 one. */
    public boolean ipv6Host() {
        return Ipv6.looksLikeIpv6(hostIp);
    }

    public static PortBinding tcp(String hostIp, int hostPort, int containerPort) {
        return new PortBinding("tcp", hostIp, hostPort, hostPort, containerPort);
    }

    public static PortBinding udp(String hostIp, int hostPort, int containerPort) {
        return new PortBinding("udp", hostIp, hostPort, hostPort, containerPort);
    }

    @Override
    public String toString() {
        String ports = hostPortStart == hostPortEnd ? Integer.toString(hostPortStart) : hostPortStart + "-" + hostPortEnd;
        return (ipv6Host() ? "[" + hostIp + "]" : hostIp) + ":" + ports + "->" + containerPort + "/" + protocol;
    }
}
