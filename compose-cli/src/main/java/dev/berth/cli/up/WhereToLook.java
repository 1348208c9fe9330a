package dev.berth.cli.up;

import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.PortBinding;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code up --wait} tells a person at the end (not in json or quiet progress): where each published port answers on this host and which
 * commands show, follow and stop the stack.
 */
final class WhereToLook {
    private static final String SERVICE_LABEL = "com.docker.compose.service";

    private WhereToLook() {
    }

    static void print(List<ContainerSummary> containers, String projectFlag, PrintWriter out) {
        Set<String> lines = new LinkedHashSet<>();   // a port published on 0.0.0.0 and on :: is shown once
        for (ContainerSummary c : containers) {
            for (PortBinding p : c.ports()) {
                String address = host(p.hostIp()) + ":" + p.hostPort();
                String service = c.labels().getOrDefault(SERVICE_LABEL, c.name());
                lines.add(p.protocol().equals("tcp")
                        ? "  " + service + ": http://" + address + "/  (container port " + p.containerPort() + "/tcp)"
                        : "  " + service + ": " + address + "/" + p.protocol() + "  (container port "
                                + p.containerPort() + ")");
            }
        }
        lines.forEach(out::println);
        String berth = "berth" + projectFlag;
        out.println("  the stack:   " + berth + " ps");
        out.println("  its logs:    " + berth + " logs -f");
        out.println("  stop it:     " + berth + " down");
        out.flush();
    }

    /** Where a person on this host reaches a published address: wildcards by loopback, IPv6 in brackets. */
    private static String host(String hostIp) {
        if (hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::")) {
            return "127.0.0.1";
        }
        return hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
    }
}
