package dev.berth.embedded.net;

import java.math.BigInteger;

/**
 * An IPv4 or IPv6 prefix such as {@code 172.30.1.0/24} or {@code fd00:beef::/64}, with addresses as unsigned numbers
 * so that address management treats both families alike.
 */
public record IpPrefix(BigInteger network, int prefix, boolean ipv6) {
    public IpPrefix {
        if (prefix < 0 || prefix > (ipv6 ? 128 : 32)) {
            throw new IllegalArgumentException("prefix length must be 0.." + (ipv6 ? 128 : 32) + ": " + prefix);
        }
        network = network.andNot(hostMask(ipv6 ? 128 : 32, prefix));
    }

    /** Parses {@code address/length} (a bare address is a single-address prefix); host bits are cleared. */
    public static IpPrefix parse(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr.trim() : cidr.substring(0, slash).trim();
        boolean v6 = Ipv6.looksLikeIpv6(address);
        int length;
        try {
            length = slash < 0 ? (v6 ? 128 : 32) : Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid subnet '" + cidr + "': expected address/length", e);
        }
        return new IpPrefix(parseAddress(address), length, v6);
    }

    /** An IPv4 or IPv6 address as a number. */
    public static BigInteger parseAddress(String text) {
        return Ipv6.looksLikeIpv6(text) ? Ipv6.parse(text) : BigInteger.valueOf(Ipv4.parse(text) & 0xffffffffL);
    }

    /** Whether the text of a prefix has bits set after its length ({@code 10.5.0.1/24}). */
    public static boolean hasHostBits(String cidr) {
        int slash = cidr.indexOf('/');
        return slash >= 0 && !parseAddress(cidr.substring(0, slash).trim()).equals(parse(cidr).network());
    }

    private static BigInteger hostMask(int bits, int prefix) {
        return BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    }

    public int bits() {
        return ipv6 ? 128 : 32;
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefix);
    }

    /** The last address: the broadcast address of an IPv4 subnet. */
    public BigInteger last() {
        return network.or(hostMask(bits(), prefix));
    }

    /** The n-th address (0 = the network address). */
    public BigInteger address(BigInteger n) {
        return network.add(n);
    }

    public boolean contains(BigInteger address) {
        return address.signum() >= 0 && address.compareTo(network) >= 0 && address.compareTo(last()) <= 0;
    }

    /** Whether {@code text} is an address of this prefix's family inside it. */
    public boolean contains(String text) {
        return Ipv6.looksLikeIpv6(text) == ipv6 && contains(parseAddress(text));
    }

    public boolean contains(IpPrefix other) {
        return other.ipv6 == ipv6 && other.prefix >= prefix && contains(other.network);
    }

    public boolean overlaps(IpPrefix other) {
        return other.ipv6 == ipv6 && (contains(other.network) || other.contains(network));
    }

    /** The text of an address of this family. */
    public String format(BigInteger address) {
        return ipv6 ? Ipv6.format(address) : Ipv4.format(address.intValue());
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
