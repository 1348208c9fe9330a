package dev.berth.cli.up;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerState;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.PortBinding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhereToLookTest {
    private static ContainerSummary web(PortBinding... ports) {
        return new ContainerSummary(ContainerId.of("c1"), "p-web-1", ImageRef.of("web:1"), "sha256:1",
                Map.of("com.docker.compose.service", "web"), new ContainerState(ContainerStatus.RUNNING, 0, HealthStatus.NONE, Optional.empty(), Optional.empty()),
                List.of(), List.of(),
                List.of(ports));
    }

    private static List<String> print(ContainerSummary... containers) {
        StringWriter text = new StringWriter();
        WhereToLook.print(List.of(containers), " -p p", new PrintWriter(text));
        return text.toString().lines().toList();
    }

    @Test
    void aPortPublishedOnEveryAddressIsShownOnceOnLoopback() {
        List<String> lines = print(web(new PortBinding("0.0.0.0", 8080, 80, "tcp"),
                new PortBinding("::", 8080, 80, "tcp"), new PortBinding("", 5353, 53, "udp")));
        assertEquals(List.of("  web: http://127.0.0.1:8080/  (container port 80/tcp)",
                "  web: 127.0.0.1:5353/udp  (container port 53)",
                "  the stack:   berth -p p ps", "  its logs:    berth -p p logs -f", "  stop it:     berth -p p down"),
                lines);
    }

    @Test
    void aSpecificIpv6AddressIsBracketed() {
        assertEquals("  web: http://[::1]:9000/  (container port 80/tcp)",
                print(web(new PortBinding("::1", 9000, 80, "tcp"))).get(0));
    }
}
