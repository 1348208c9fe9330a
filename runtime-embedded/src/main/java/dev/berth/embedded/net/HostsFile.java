package dev.berth.embedded.net;

import java.util.List;

/** A container's {@code /etc/hosts}: localhost lines, {@code extra_hosts}, then its own addresses. */
public final class HostsFile {
    /** One {@code extra_hosts} entry; the address may be {@code host-gateway}. */
    public record ExtraHost(String name, String address) {
    }

    private HostsFile() {
    }

    /**
     * @param hostname     the container's hostname (plus {@code .domainname} when set, written first)
     * @param ownAddresses the container's addresses, one line each with the hostname
     * @param hostGateway  the address {@code host-gateway} stands for (the gateway of the primary network)
     */
    public static String render(String hostname, String domainname, List<String> ownAddresses,
                                List<ExtraHost> extraHosts, String hostGateway) {
        StringBuilder out = new StringBuilder();
        out.append("127.0.0.1\tlocalhost\n");
        out.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        out.append("fe00::0\tip6-localnet\n");
        out.append("ff00::0\tip6-mcastprefix\n");
        out.append("ff02::1\tip6-allnodes\n");
        out.append("ff02::2\tip6-allrouters\n");
        for (ExtraHost extra : extraHosts) {
            String address = extra.address().equals("host-gateway") ? hostGateway : extra.address();
            out.append(address).append('\t').append(extra.name()).append('\n');
        }
        String names = domainname == null || domainname.isEmpty() ? hostname
                : hostname + "." + domainname + " " + hostname;
        for (String address : ownAddresses) {
            out.append(address).append('\t').append(names).append('\n');
        }
        return out.toString();
    }
}
