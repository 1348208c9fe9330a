package dev.berth.model.canonical;

import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The short port syntax {@code [[IP:](HOST|HOST-RANGE):]CONTAINER[-RANGE][/PROTOCOL]} turned into long-form
 * entries {@code {mode: ingress, host_ip?, target, published?, protocol}}. A container range gives one entry per
 * port; a host range with a single container port stays one entry whose {@code published} is the range.
 */
final class PortSyntax {

    private PortSyntax() {
    }

    static List<MapNode> parse(String spec, Location at) {
        String rest = spec.strip();
        String protocol = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1).toLowerCase();
            rest = rest.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
                throw new IllegalArgumentException("Invalid proto: " + protocol);
            }
        }
        String hostIp = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid ip address: " + rest);
            }
            hostIp = rest.substring(1, close);
            rest = rest.substring(close + 1);
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("Invalid port format: " + spec);
            }
            rest = rest.substring(1);
        }
        String[] parts = rest.split(":", -1);
        String hostPart;
        String containerPart;
        if (!hostIp.isEmpty()) {
            if (parts.length != 2) {
                throw new IllegalArgumentException("Invalid port format: " + spec);
            }
            hostPart = parts[0];
            containerPart = parts[1];
        } else if (parts.length == 1) {
            hostPart = "";
            containerPart = parts[0];
        } else if (parts.length == 2) {
            hostPart = parts[0];
            containerPart = parts[1];
        } else if (parts.length == 3) {
            hostIp = parts[0];
            hostPart = parts[1];
            containerPart = parts[2];
        } else {
            int last = rest.lastIndexOf(':');
            int prev = rest.lastIndexOf(':', last - 1);
            hostIp = rest.substring(0, prev);
            hostPart = rest.substring(prev + 1, last);
            containerPart = rest.substring(last + 1);
        }
        if (containerPart.isEmpty()) {
            throw new IllegalArgumentException("No port specified: " + spec + "<empty>");
        }
        int[] container = range(containerPart, "Invalid containerPort: " + containerPart);
        int[] host = hostPart.isEmpty() ? null : range(hostPart, "Invalid hostPort: " + hostPart);
        int count = container[1] - container[0] + 1;
        if (host != null && count > 1 && host[1] - host[0] + 1 != count) {
            throw new IllegalArgumentException("Invalid ranges specified for container and host Ports: "
                    + containerPart + " and " + hostPart);
        }
        List<MapNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String published = "";
            if (host != null) {
                published = count > 1 ? Integer.toString(host[0] + i)
                        : host[0] == host[1] ? Integer.toString(host[0]) : host[0] + "-" + host[1];
            }
            Nodes.MapBuilder entry = new Nodes.MapBuilder(at).put("mode", "ingress");
            if (!hostIp.isEmpty()) {
                entry.put("host_ip", hostIp);
            }
            entry.put("target", (long) (container[0] + i));
            if (!published.isEmpty()) {
                entry.put("published", published);
            }
            out.add(entry.put("protocol", protocol).build());
        }
        return out;
    }

    private static int[] range(String text, String error) {
        String[] bounds = text.split("-", -1);
        if (bounds.length > 2) {
            throw new IllegalArgumentException(error);
        }
        int start = port(bounds[0], error);
        int end = bounds.length == 2 ? port(bounds[1], error) : start;
        if (end < start) {
            throw new IllegalArgumentException("Invalid range specified for port: " + text);
        }
        return new int[] {start, end};
    }

    private static int port(String text, String error) {
        if (!text.matches("\\d{1,5}")) {
            throw new IllegalArgumentException(error);
        }
        int value = Integer.parseInt(text);
        if (value > 65535) {
            throw new IllegalArgumentException(error);
        }
        return value;
    }
}
