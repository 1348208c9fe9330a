package dev.berth.cli.up;

import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.PortBinding;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code up --wait} tells a person at the end (not in json or quiet progress): where each published port answers on this host and which
 * commands show, follow and stop the stack.
 */
final class WhereToLook {
    private static final String SERVICE_LABEL = "com.docker.compose.service";

    private WhereToLook() {
    }

    static void print(List<ContainerSummary> containers, String projectFlag, PrintWriter out) {
        for (ContainerSummary c : containers) {
            for (PortBinding p : c.ports()) {
                String host = p.hostIp().isEmpty() || p.hostIp().equals("0.0.0.0") ? "127.0.0.1" : p.hostIp();
                String address = host + ":" + p.hostPort();
                String service = c.labels().getOrDefault(SERVICE_LABEL, c.name());
                out.println(p.protocol().equals("tcp")
                        ? "  " + service + ": http://" + address + "/  (container port " + p.containerPort() + "/tcp)"
                        : "  " + service + ": " + address + "/" + p.protocol() + "  (container port "
                                + p.containerPort() + ")");
            }
        }
        String berth = "berth" + projectFlag;
        out.println("  the stack:   " + berth + " ps");
        out.println("  its logs:    " + berth + " logs -f");
        out.println("  stop it:     " + berth + " down");
        out.flush();
    }
}
