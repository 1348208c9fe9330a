package dev.berth.embedded.net;

/** An IPv4 subnet such as {@code 172.30.1.0/24}; the address is stored as an unsigned 32-bit int. */
public record Subnet(int network, int prefix) {
    public Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32: " + prefix);
        }
        network = network & mask(prefix);
    }

    public static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return new Subnet(Ipv4.parse(cidr), 32);
        }
        try {
            return new Subnet(Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid subnet '" + cidr + "': expected a.b.c.d/len", e);
        }
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public int broadcast() {
        return network | ~mask(prefix);
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    public boolean contains(Subnet other) {
        return other.prefix >= prefix && contains(other.network);
    }

    public boolean overlaps(Subnet other) {
        return contains(other.network) || other.contains(network);
    }

    /** The n-th address of the subnet (0 = network address). */
    public int address(long n) {
        return (int) ((network & 0xffffffffL) + n);
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefix;
    }
}
