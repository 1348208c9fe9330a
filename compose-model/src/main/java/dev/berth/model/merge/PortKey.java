package dev.berth.model.merge;

import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import java.util.Optional;

/**
 * The identity of a port entry, {@code host_ip:published:target/protocol}, read from the short syntax
 * ({@code [[host_ip:]published:]target[/protocol]}, IPv6 host in brackets) or the long one. Only what the
 * key needs is parsed; the full parse belongs to the canonical form.
 */
final class PortKey {

    private static final String ANY_HOST = "0.0.0.0";
    private static final String TCP = "tcp";

    private PortKey() {
    }

    static Optional<String> of(Node entry) {
        if (entry instanceof MapNode map) {
            Optional<String> target = map.text("target");
            if (target.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(key(map.text("host_ip").orElse(ANY_HOST), map.text("published").orElse(""),
                    target.get(), map.text("protocol").orElse(TCP)));
        }
        if (entry instanceof ScalarNode s && !s.isNull()) {
            return Optional.of(shortSyntax(s.text()));
        }
        return Optional.empty();
    }

    static String shortSyntax(String spec) {
        String rest = spec.trim();
        String protocol = TCP;
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String host = ANY_HOST;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close > 0 && close + 1 < rest.length() && rest.charAt(close + 1) == ':') {
                host = rest.substring(1, close);
                rest = rest.substring(close + 2);
            }
        }
        String[] parts = rest.split(":", -1);
        String published = "";
        String target;
        if (parts.length == 1) {
            target = parts[0];
        } else if (parts.length == 2) {
            published = parts[0];
            target = parts[1];
        } else {
            int last = parts.length - 1;
            target = parts[last];
            published = parts[last - 1];
            host = String.join(":", java.util.Arrays.copyOfRange(parts, 0, last - 1));
        }
        if (host.isEmpty()) {
            host = ANY_HOST;
        }
        return key(host, published, target, protocol);
    }

    private static String key(String host, String published, String target, String protocol) {
        return host + ":" + published + ":" + target + "/" + protocol;
    }
}
