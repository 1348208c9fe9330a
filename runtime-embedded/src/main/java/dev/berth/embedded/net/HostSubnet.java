package dev.berth.embedded.net;

/**
 * A subnet the host already uses and how: a route to it, or an address on an interface ({@code onLink}, the subnet
 * of that address is directly connected to {@code device}).
 */
record HostSubnet(Subnet subnet, String device, boolean onLink, String text) {
    static HostSubnet route(String dst, String device) {
        return new HostSubnet(Subnet.parse(dst), device, false, dst);
    }

    static HostSubnet address(String local, int prefixLength, String device) {
        return new HostSubnet(new Subnet(Ipv4.parse(local), prefixLength), device, true, local + "/" + prefixLength);
    }

    /** For messages: {@code address 10.1.0.1/24 of interface br0} or {@code route 10.0.0.0/8 via eth0}. */
    String describe() {
        return (onLink ? "address " + text + " of interface " : "route " + text + " via ") + device;
    }
}
