package dev.berth.cli.ps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.runtime.ContainerState;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.PortBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One container as {@code docker compose ps --format json} prints it: the same field names and value forms (State
 * in lower case, Status as Docker words it, Labels/Networks/Mounts/Ports as comma-separated strings, Publishers as
 * an array of the published ports).
 */
final class ContainerJson {

    private ContainerJson() {
    }

    static ObjectNode of(ContainerSummary c, Instant now) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ID", c.id().value());
        o.put("Name", c.name());
        o.put("Names", c.name());
        o.put("Image", c.image().value());
        o.put("Project", c.labels().getOrDefault("com.docker.compose.project", ""));
        o.put("Service", c.labels().getOrDefault("com.docker.compose.service", ""));
        o.put("State", c.state().status().name().toLowerCase(Locale.ROOT));
        o.put("Health", health(c.state()));
        o.put("ExitCode", c.state().exitCode());
        o.put("Status", status(c.state(), now));
        o.put("RunningFor", c.state().startedAt().map(t -> HumanDuration.of(Duration.between(t, now)) + " ago")
                .orElse(""));
        o.put("Labels", c.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
        o.put("Networks", String.join(",", c.networks()));
        o.put("Mounts", c.mounts().stream().map(m -> m.type() == MountPoint.Type.VOLUME ? m.source() : m.target())
                .collect(Collectors.joining(",")));
        o.put("LocalVolumes", Long.toString(c.mounts().stream().filter(m -> m.type() == MountPoint.Type.VOLUME)
                .count()));
        o.put("Ports", ports(c));
        ArrayNode publishers = o.putArray("Publishers");
        for (PortBinding p : c.ports()) {
            publishers.addObject().put("URL", hostIp(p)).put("TargetPort", p.containerPort())
                    .put("PublishedPort", p.hostPort()).put("Protocol", p.protocol());
        }
        return o;
    }

    /** Published ports as Docker shows them: {@code 127.0.0.1:32768->8080/tcp, 0.0.0.0:53->53/udp}. */
    static String ports(ContainerSummary c) {
        return c.ports().stream().map(p -> hostIp(p) + ":" + p.hostPort() + "->" + p.containerPort() + "/"
                + p.protocol()).collect(Collectors.joining(", "));
    }

    private static String hostIp(PortBinding p) {
        return p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
    }

    static String health(ContainerState state) {
        return state.health() == HealthStatus.NONE ? "" : state.health().name().toLowerCase(Locale.ROOT);
    }

    /** {@code Up 5 seconds (healthy)}, {@code Exited (1) 2 minutes ago}, {@code Created}, as Docker says it. */
    static String status(ContainerState state, Instant now) {
        ContainerStatus s = state.status();
        String since = state.startedAt().map(t -> HumanDuration.of(Duration.between(t, now))).orElse("");
        String ago = state.finishedAt().map(t -> " " + HumanDuration.of(Duration.between(t, now)) + " ago")
                .orElse("");
        return switch (s) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + since + (health(state).isEmpty() ? "" : " (" + health(state) + ")");
            case PAUSED -> "Up " + since + " (Paused)";
            case RESTARTING -> "Restarting (" + state.exitCode() + ")" + ago;
            case EXITED -> "Exited (" + state.exitCode() + ")" + ago;
            case DEAD -> "Dead";
        };
    }
}
