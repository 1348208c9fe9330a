package dev.berth.embedded.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A container's {@code /etc/resolv.conf}, and the host's resolvers for forwarding. */
public final class ResolvConf {
    private ResolvConf() {
    }

    /**
     * The file content for a container whose resolver is {@code nameserver} (the gateway of its primary
     * network): compose {@code dns} servers become the resolver's upstreams, not nameserver lines (as with
     * Docker's embedded DNS); {@code dns_search} and {@code dns_opt} are written as given, and
     * {@code ndots:0} is added unless an ndots option is given.
     */
    public static String render(String nameserver, List<String> dnsSearch, List<String> dnsOptions) {
        StringBuilder out = new StringBuilder();
        out.append("nameserver ").append(nameserver).append('\n');
        if (!dnsSearch.isEmpty()) {
            out.append("search ").append(String.join(" ", dnsSearch)).append('\n');
        }
        List<String> options = new ArrayList<>(dnsOptions);
        if (options.stream().noneMatch(o -> o.startsWith("ndots"))) {
            options.add(0, "ndots:0");
        }
        out.append("options ").append(String.join(" ", options)).append('\n');
        return out.toString();
    }

    /** The {@code nameserver} lines of a resolv.conf text, at most 3, as port-53 addresses. */
    public static List<InetSocketAddress> nameservers(String content) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String line : content.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver") && servers.size() < 3
                    && words[1].matches("[0-9.]+")) {
                servers.add(new InetSocketAddress(words[1], 53));
            }
        }
        return List.copyOf(servers);
    }

    /** The host's resolvers from {@code /etc/resolv.conf} (re-read on each call so edits apply). */
    public static List<InetSocketAddress> hostNameservers() {
        try {
            return nameservers(Files.readString(Path.of("/etc/resolv.conf")));
        } catch (IOException e) {
            return List.of();
        }
    }
}
