package dev.berth.daemon.backing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.ContainerState;
import dev.berth.embedded.ContainerStatus;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.PortBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Engine containers as the Engine API shows them: {@code GET /containers/{id}/json} and list entries. */
public final class ContainerViews {
    private ContainerViews() {
    }

    /** One container's inspect answer; {@code image} gives the defaults its command falls back to. */
    public static ObjectNode inspect(ContainerInfo info, ContainerSummary summary, ImageConfig.Defaults image,
                                     Map<String, String> networkIds) {
        List<String> command = command(info, image);
        ObjectNode out = Json.object();
        out.put("Id", info.id());
        out.put("Created", info.created());
        out.put("Path", command.isEmpty() ? "" : command.get(0));
        out.set("Args", Json.strings(command.isEmpty() ? List.of() : command.subList(1, command.size())));
        out.set("State", state(info.state()));
        out.put("Image", info.imageId());
        out.put("Name", "/" + info.name());
        out.put("RestartCount", info.state().restartCount());
        out.put("Driver", "overlay");
        out.put("Platform", "linux");
        out.set("Mounts", mounts(summary.mounts()));
        out.set("Config", config(info, image));
        out.set("HostConfig", hostConfig(info));
        out.set("NetworkSettings", networkSettings(summary, networkIds));
        return out;
    }

    /** One entry of {@code GET /containers/json}. */
    public static ObjectNode listEntry(ContainerInfo info, ContainerSummary summary, ImageConfig.Defaults image,
                                       Map<String, String> networkIds, Instant now) {
        ObjectNode out = Json.object();
        out.put("Id", info.id());
        out.set("Names", Json.strings(List.of("/" + info.name())));
        out.put("Image", info.config().image());
        out.put("ImageID", info.imageId());
        out.put("Command", String.join(" ", command(info, image)));
        out.put("Created", Instant.parse(info.created()).getEpochSecond());
        out.set("Ports", listPorts(summary.ports()));
        out.set("Labels", Json.map(info.config().labels()));
        out.put("State", status(info.state()));
        out.put("Status", humanStatus(info.state(), now));
        ObjectNode host = Json.object();
        host.put("NetworkMode", networkMode(info));
        out.set("HostConfig", host);
        out.set("NetworkSettings", networkSettings(summary, networkIds));
        out.set("Mounts", mounts(summary.mounts()));
        return out;
    }

    /** Docker's state word: created, running, paused, restarting, exited or dead. */
    public static String status(ContainerState s) {
        return s.status().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> command(ContainerInfo info, ImageConfig.Defaults image) {
        List<String> entrypoint = info.config().entrypoint() != null ? info.config().entrypoint()
                : image == null || image.entrypoint() == null ? List.of() : image.entrypoint();
        List<String> cmd = info.config().command() != null ? info.config().command()
                : image == null || image.cmd() == null ? List.of() : image.cmd();
        List<String> out = new ArrayList<>(entrypoint);
        out.addAll(cmd);
        return out;
    }

    private static ObjectNode state(ContainerState s) {
        ObjectNode out = Json.object();
        out.put("Status", status(s));
        out.put("Running", s.isRunning());
        out.put("Paused", s.status() == ContainerStatus.PAUSED);
        out.put("Restarting", s.status() == ContainerStatus.RESTARTING);
        out.put("OOMKilled", s.oomKilled());
        out.put("Dead", s.status() == ContainerStatus.DEAD);
        out.put("Pid", s.isRunning() ? s.pid() : 0);
        out.put("ExitCode", s.exitCode());
        out.put("Error", s.error() == null ? "" : s.error());
        out.put("StartedAt", Json.time(s.startedAt()));
        out.put("FinishedAt", Json.time(s.finishedAt()));
        if (s.health() != null) {
            ObjectNode health = Json.object();
            health.put("Status", s.health().status());
            health.put("FailingStreak", s.health().failingStreak());
            health.set("Log", Json.MAPPER.createArrayNode());
            out.set("Health", health);
        }
        return out;
    }

    private static ArrayNode mounts(List<MountPoint> mounts) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (MountPoint m : mounts) {
            ObjectNode o = out.addObject();
            o.put("Type", m.type().name().toLowerCase(Locale.ROOT));
            if (m.type() == MountPoint.Type.VOLUME) {
                o.put("Name", m.source());
                o.put("Driver", "local");
            }
            o.put("Source", m.type() == MountPoint.Type.TMPFS ? "" : m.source());
            o.put("Destination", m.target());
            o.put("Mode", m.readOnly() ? "ro" : "");
            o.put("RW", !m.readOnly());
            o.put("Propagation", "");
        }
        return out;
    }

    private static ObjectNode config(ContainerInfo info, ImageConfig.Defaults image) {
        var c = info.config();
        ObjectNode out = Json.object();
        out.put("Hostname", info.hostname());
        out.put("Domainname", c.domainname() == null ? "" : c.domainname());
        out.put("User", c.user() == null ? "" : c.user());
        out.put("AttachStdin", false);
        out.put("AttachStdout", false);
        out.put("AttachStderr", false);
        out.put("Tty", c.tty());
        out.put("OpenStdin", c.openStdin());
        out.put("StdinOnce", c.stdinOnce());
        List<String> env = new ArrayList<>();
        if (image != null && image.env() != null) {
            env.addAll(image.env());
        }
        if (c.env() != null) {
            c.env().forEach((k, v) -> {
                env.removeIf(e -> e.startsWith(k + "="));
                env.add(k + "=" + v);
            });
        }
        out.set("Env", Json.strings(env));
        out.set("Cmd", Json.stringsOrNull(c.command() != null ? c.command() : image == null ? null : image.cmd()));
        out.set("Entrypoint", Json.stringsOrNull(c.entrypoint() != null ? c.entrypoint()
                : image == null ? null : image.entrypoint()));
        out.put("Image", c.image());
        out.put("WorkingDir", c.workingDir() == null ? "" : c.workingDir());
        out.set("Labels", Json.map(c.labels()));
        if (c.stopSignal() != null) {
            out.put("StopSignal", c.stopSignal());
        }
        if (c.stopTimeoutSeconds() != null) {
            out.put("StopTimeout", c.stopTimeoutSeconds());
        }
        return out;
    }

    private static ObjectNode hostConfig(ContainerInfo info) {
        var c = info.config();
        ObjectNode out = Json.object();
        out.put("NetworkMode", networkMode(info));
        ObjectNode restart = Json.object();
        var policy = c.restartPolicy() == null ? null : c.restartPolicy();
        restart.put("Name", policy == null ? "no" : policy.name().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        restart.put("MaximumRetryCount", policy == null ? 0 : policy.maxRetries());
        out.set("RestartPolicy", restart);
        out.put("AutoRemove", false);
        out.put("Privileged", c.privileged());
        out.put("ReadonlyRootfs", c.readOnlyRootfs());
        out.put("Init", c.init());
        out.set("PortBindings", portBindings(c.ports()));
        ObjectNode log = Json.object();
        log.put("Type", "json-file");
        log.set("Config", Json.object());
        out.set("LogConfig", log);
        return out;
    }

    private static String networkMode(ContainerInfo info) {
        return info.config().network() == null ? "none"
                : info.config().network().name().toLowerCase(Locale.ROOT);
    }

    /** The list entry's ports: {@code [{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}]}. */
    private static ArrayNode listPorts(List<PortBinding> ports) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (PortBinding p : ports) {
            out.addObject().put("IP", hostIp(p)).put("PrivatePort", p.containerPort()).put("PublicPort", p.hostPort())
                    .put("Type", p.protocol());
        }
        return out;
    }

    /**
     * Published ports by container port, as inspect shows them while the container runs:
     * {@code {"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]}}, the host port being the one in use.
     */
    private static ObjectNode publishedPorts(List<PortBinding> ports) {
        ObjectNode out = Json.object();
        for (PortBinding p : ports) {
            ArrayNode bindings = out.has(p.containerPort() + "/" + p.protocol())
                    ? (ArrayNode) out.get(p.containerPort() + "/" + p.protocol())
                    : out.putArray(p.containerPort() + "/" + p.protocol());
            bindings.addObject().put("HostIp", hostIp(p)).put("HostPort", Integer.toString(p.hostPort()));
        }
        return out;
    }

    /**
     * The configured bindings ({@code HostConfig.PortBindings}): an ephemeral host port is an empty string, a range
     * is written {@code 9000-9005}.
     */
    private static ObjectNode portBindings(List<ContainerConfig.PortMapping> ports) {
        ObjectNode out = Json.object();
        for (ContainerConfig.PortMapping p : ports) {
            String key = p.containerPort() + "/" + p.protocol();
            ArrayNode bindings = out.has(key) ? (ArrayNode) out.get(key) : out.putArray(key);
            bindings.addObject().put("HostIp", p.hostIp() == null ? "" : p.hostIp())
                    .put("HostPort", p.hostPortStart() == 0 ? "" : p.hostPortEnd() > p.hostPortStart()
                            ? p.hostPortStart() + "-" + p.hostPortEnd() : Integer.toString(p.hostPortStart()));
        }
        return out;
    }

    private static String hostIp(PortBinding p) {
        return p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
    }

    private static ObjectNode networkSettings(ContainerSummary summary, Map<String, String> networkIds) {
        ObjectNode out = Json.object();
        out.set("Ports", publishedPorts(summary.ports()));
        ObjectNode byName = Json.object();
        for (String n : summary.networks()) {
            ObjectNode endpoint = byName.putObject(n);
            endpoint.put("NetworkID", networkIds.getOrDefault(n, ""));
            endpoint.put("EndpointID", "");
            endpoint.put("IPAddress", "");
            endpoint.put("IPPrefixLen", 0);
            endpoint.put("Gateway", "");
            endpoint.put("MacAddress", "");
        }
        out.set("Networks", byName);
        return out;
    }

    /** What {@code docker ps} shows in its STATUS column, e.g. {@code Up 5 minutes} or {@code Exited (0) 3 seconds ago}. */
    static String humanStatus(ContainerState s, Instant now) {
        return switch (s.status()) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + ago(s.startedAt(), now) + health(s);
            case PAUSED -> "Up " + ago(s.startedAt(), now) + " (Paused)";
            case RESTARTING -> "Restarting (" + s.exitCode() + ") " + ago(s.finishedAt(), now) + " ago";
            case EXITED -> "Exited (" + s.exitCode() + ") " + ago(s.finishedAt(), now) + " ago";
            case DEAD -> "Dead";
        };
    }

    private static String health(ContainerState s) {
        if (s.health() == null) {
            return "";
        }
        return s.health().status().equals("starting") ? " (health: starting)" : " (" + s.health().status() + ")";
    }

    private static String ago(String time, Instant now) {
        if (time == null || time.isEmpty()) {
            return "Less than a second";
        }
        Duration d = Duration.between(Instant.parse(time), now);
        if (d.toSeconds() < 1) {
            return "Less than a second";
        }
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " seconds";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " minutes";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " hours";
        }
        return d.toDays() + " days";
    }
}
