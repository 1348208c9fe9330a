package dev.berth.daemon.backing;

import static dev.berth.daemon.backing.JsonFields.bool;
import static dev.berth.daemon.backing.JsonFields.keys;
import static dev.berth.daemon.backing.JsonFields.number;
import static dev.berth.daemon.backing.JsonFields.stringMap;
import static dev.berth.daemon.backing.JsonFields.strings;
import static dev.berth.daemon.backing.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSpec.Builder;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.Resources;
import dev.berth.runtime.RestartPolicy;
import dev.berth.runtime.Ulimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads the body of {@code POST /containers/create} (Docker's container Config with {@code HostConfig} and
 * {@code NetworkingConfig}) into a {@link ContainerSpec}. Fields the spec has no place for are ignored, as dockerd
 * ignores unknown fields; what the embedded engine cannot do is refused later by the runtime, naming the field.
 */
public final class CreateRequestTranslator {
    /** Network modes that are not the name of a user-defined network. */
    private static final Set<String> BUILT_IN_MODES = Set.of("", "default", "bridge", "host", "none");

    /** HostConfig's lists of strings, each with the builder method that takes it as it is. */
    private static final Map<String, BiConsumer<Builder, List<String>>> HOST_LISTS = Map.of(
            "ExtraHosts", Builder::extraHosts, "Dns", Builder::dns, "DnsSearch", Builder::dnsSearch,
            "DnsOptions", Builder::dnsOptions, "CapAdd", Builder::capAdd, "CapDrop", Builder::capDrop,
            "SecurityOpt", Builder::securityOpt, "GroupAdd", Builder::groupAdd);

    /** HostConfig's namespace modes ({@code host}, {@code container:NAME}, ...), each with its builder method. */
    private static final Map<String, BiConsumer<Builder, Optional<String>>> HOST_MODES = Map.of(
            "IpcMode", Builder::ipcMode, "PidMode", Builder::pidMode, "UTSMode", Builder::utsMode,
            "CgroupnsMode", Builder::cgroupnsMode);

    private CreateRequestTranslator() {
    }

    /**
     * @throws IllegalArgumentException when the body lacks an image or has malformed values
     */
    public static ContainerSpec translate(String name, JsonNode body) {
        String image = text(body, "Image").orElseThrow(() -> new IllegalArgumentException(
                "Config.Image: no image given (send the image reference in \"Image\")"));
        JsonNode host = body.path("HostConfig");
        Builder b = ContainerSpec.builder(name, ImageRef.of(image))
                .entrypoint(strings(body, "Entrypoint"))
                .command(strings(body, "Cmd"))
                .env(env(strings(body, "Env")))
                .labels(stringMap(body, "Labels"))
                .workingDir(text(body, "WorkingDir"))
                .user(text(body, "User"))
                .hostname(text(body, "Hostname"))
                .domainname(text(body, "Domainname"))
                .tty(bool(body, "Tty"))
                .stdinOpen(bool(body, "OpenStdin"))
                .stdinOnce(bool(body, "StdinOnce"))
                .stopSignal(text(body, "StopSignal"))
                .stopGracePeriod(number(body, "StopTimeout").map(Duration::ofSeconds))
                .healthcheck(healthcheck(body.path("Healthcheck")))
                .init(bool(host, "Init"))
                .privileged(bool(host, "Privileged"))
                .readOnly(bool(host, "ReadonlyRootfs"))
                .restartPolicy(restartPolicy(host.path("RestartPolicy")))
                .resources(resources(host))
                .mounts(mounts(body, host))
                .ports(ports(host.path("PortBindings")))
                .sysctls(stringMap(host, "Sysctls"))
                .ulimits(ulimits(host.path("Ulimits")))
                .shmSize(number(host, "ShmSize"))
                .tmpfs(stringMap(host, "Tmpfs"))
                .consoleSize(consoleSize(host.path("ConsoleSize")))
                .volumesFrom(volumesFrom(strings(host, "VolumesFrom")));
        HOST_LISTS.forEach((field, setter) -> setter.accept(b, strings(host, field)));
        HOST_MODES.forEach((field, setter) -> setter.accept(b, text(host, field)));
        JsonNode log = host.path("LogConfig");
        text(log, "Type").ifPresent(type -> b.logConfig(new dev.berth.runtime.LogConfig(type, stringMap(log, "Config"))));
        String mode = text(host, "NetworkMode").orElse("");
        List<NetworkAttachment> networks = networks(mode, body.path("NetworkingConfig").path("EndpointsConfig"));
        b.networks(networks);
        if (BUILT_IN_MODES.contains(mode) || mode.startsWith("container:")) {
            b.networkMode(mode.isEmpty() || mode.equals("default") ? Optional.empty() : Optional.of(mode));
        }
        return b.build();
    }

    private static Map<String, String> env(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                out.put(e.substring(0, eq), e.substring(eq + 1));
            } else if (eq < 0 && !e.isEmpty()) {
                out.put(e, "");
            }
        }
        return out;
    }

    /** {@code HostConfig.ConsoleSize}: [height, width]; absent or zero (dockerd's default) for none. */
    private static Optional<dev.berth.runtime.TerminalSize> consoleSize(JsonNode size) {
        if (!size.isArray() || size.size() != 2 || size.get(0).asInt() <= 0 || size.get(1).asInt() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new dev.berth.runtime.TerminalSize(size.get(1).asInt(), size.get(0).asInt()));
    }

    private static Optional<Healthcheck> healthcheck(JsonNode h) {
        List<String> test = strings(h, "Test");
        if (test.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Healthcheck(test, nanos(h, "Interval"), nanos(h, "Timeout"), nanos(h, "StartPeriod"),
                nanos(h, "StartInterval"), (int) h.path("Retries").asLong(0)));
    }

    private static Duration nanos(JsonNode node, String field) {
        return Duration.ofNanos(node.path(field).asLong(0));
    }

    private static RestartPolicy restartPolicy(JsonNode p) {
        String name = text(p, "Name").orElse("no");
        int max = (int) p.path("MaximumRetryCount").asLong(0);
        return switch (name) {
            case "no" -> RestartPolicy.NO;
            case "always" -> new RestartPolicy(RestartPolicy.Mode.ALWAYS, 0);
            case "unless-stopped" -> new RestartPolicy(RestartPolicy.Mode.UNLESS_STOPPED, 0);
            case "on-failure" -> new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, max);
            default -> throw new IllegalArgumentException("HostConfig.RestartPolicy.Name: invalid restart policy '"
                    + name + "' (use no, always, unless-stopped or on-failure)");
        };
    }

    private static Resources resources(JsonNode host) {
        Optional<Long> nanoCpus = number(host, "NanoCpus");
        return new Resources(number(host, "Memory"), number(host, "MemorySwap"),
                nanoCpus.map(n -> n / 1_000_000_000d), number(host, "CpuShares").map(Long::intValue),
                text(host, "CpusetCpus"), number(host, "PidsLimit").filter(n -> n > 0));
    }

    private static List<Mount> mounts(JsonNode body, JsonNode host) {
        List<Mount> out = new ArrayList<>();
        for (String bind : strings(host, "Binds")) {
            out.add(bind(bind));
        }
        for (JsonNode m : host.path("Mounts")) {
            out.add(mount(m));
        }
        Set<String> targets = new HashSet<>();
        out.forEach(m -> targets.add(m.target()));
        for (String path : keys(body, "Volumes")) {
            if (targets.add(path)) {
                out.add(Mount.Volume.anonymous(path));
            }
        }
        return out;
    }

    /** {@code HostConfig.VolumesFrom}: {@code <container>[:ro|:rw]}. */
    static List<dev.berth.runtime.VolumesFrom> volumesFrom(List<String> entries) {
        List<dev.berth.runtime.VolumesFrom> out = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.split(":", 2);
            String mode = parts.length > 1 ? parts[1] : "rw";
            if (!mode.equals("ro") && !mode.equals("rw")) {
                throw new IllegalArgumentException("HostConfig.VolumesFrom: invalid mode '" + mode + "' in '" + entry
                        + "' (use <container>:ro or <container>:rw)");
            }
            out.add(new dev.berth.runtime.VolumesFrom(parts[0], mode.equals("ro")));
        }
        return out;
    }

    /** {@code source:target[:options]}; a source that is not an absolute path names a volume. */
    static Mount bind(String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("HostConfig.Binds: invalid bind '" + spec
                    + "' (use source:target[:ro])");
        }
        boolean readOnly = parts.length == 3 && List.of(parts[2].split(",")).contains("ro");
        if (parts[0].startsWith("/")) {
            return new Mount.Bind(parts[0], parts[1], readOnly, Optional.empty(), true);
        }
        return new Mount.Volume(Optional.of(parts[0]), parts[1], readOnly,
                parts.length == 3 && List.of(parts[2].split(",")).contains("nocopy"));
    }

    private static Mount mount(JsonNode m) {
        String type = text(m, "Type").orElse("volume").toLowerCase(Locale.ROOT);
        String target = text(m, "Target").orElseThrow(() -> new IllegalArgumentException(
                "HostConfig.Mounts: a mount has no Target"));
        boolean readOnly = bool(m, "ReadOnly");
        return switch (type) {
            case "bind" -> new Mount.Bind(text(m, "Source").orElseThrow(() -> new IllegalArgumentException(
                    "HostConfig.Mounts[" + target + "]: a bind mount needs a Source")), target, readOnly,
                    text(m.path("BindOptions"), "Propagation"), false);
            case "volume" -> new Mount.Volume(text(m, "Source"), target, readOnly,
                    bool(m.path("VolumeOptions"), "NoCopy"), text(m.path("VolumeOptions"), "Subpath"));
            case "tmpfs" -> new Mount.Tmpfs(target, m.path("TmpfsOptions").path("SizeBytes").asLong(0),
                    (int) m.path("TmpfsOptions").path("Mode").asLong(0));
            default -> throw new IllegalArgumentException("HostConfig.Mounts[" + target + "]: mount type '" + type
                    + "' is not supported (use bind, volume or tmpfs)");
        };
    }

    private static List<PortBinding> ports(JsonNode bindings) {
        List<PortBinding> out = new ArrayList<>();
        bindings.properties().forEach(e -> {
            String[] portAndProto = e.getKey().split("/");
            int containerPort = Integer.parseInt(portAndProto[0]);
            String protocol = portAndProto.length > 1 ? portAndProto[1] : "tcp";
            for (JsonNode b : e.getValue()) {
                out.add(hostPorts(text(b, "HostIp").orElse(""), text(b, "HostPort").orElse(""), containerPort,
                        protocol));
            }
        });
        return out;
    }

    /** Docker's {@code HostPort}: empty or 0 (ephemeral), {@code 8080}, or a range {@code 9000-9005}. */
    static PortBinding hostPorts(String hostIp, String hostPort, int containerPort, String protocol) {
        String spec = hostPort.strip();
        try {
            if (spec.isEmpty()) {
                return new PortBinding(hostIp, 0, containerPort, protocol);
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new PortBinding(hostIp, Integer.parseInt(spec), containerPort, protocol);
            }
            return PortBinding.range(hostIp, Integer.parseInt(spec.substring(0, dash).strip()),
                    Integer.parseInt(spec.substring(dash + 1).strip()), containerPort, protocol);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HostConfig.PortBindings[" + containerPort + "/" + protocol
                    + "]: invalid HostPort '" + hostPort + "' (write a port, FIRST-LAST, or nothing for any port)");
        }
    }

    private static List<Ulimit> ulimits(JsonNode ulimits) {
        List<Ulimit> out = new ArrayList<>();
        for (JsonNode u : ulimits) {
            out.add(new Ulimit(u.path("Name").asText(), u.path("Soft").asLong(), u.path("Hard").asLong()));
        }
        return out;
    }

    /** The network named by {@code NetworkMode} first (with its endpoint settings), then the other endpoints. */
    private static List<NetworkAttachment> networks(String mode, JsonNode endpoints) {
        List<NetworkAttachment> out = new ArrayList<>();
        if (!BUILT_IN_MODES.contains(mode) && !mode.startsWith("container:")) {
            out.add(attachment(mode, endpoints.path(mode)));
        }
        endpoints.properties().forEach(e -> {
            if (!e.getKey().equals(mode) && !BUILT_IN_MODES.contains(e.getKey())) {
                out.add(attachment(e.getKey(), e.getValue()));
            }
        });
        return out;
    }

    /** One endpoint's settings: aliases, fixed addresses, {@code Links} ({@code container:alias}), {@code GwPriority}. */
    static NetworkAttachment attachment(String network, JsonNode endpoint) {
        JsonNode ipam = endpoint.path("IPAMConfig");
        List<NetworkAttachment.Link> links = strings(endpoint, "Links").stream().map(NetworkAttachment.Link::parse)
                .toList();
        return new NetworkAttachment(network, strings(endpoint, "Aliases"), text(ipam, "IPv4Address"),
                text(ipam, "IPv6Address"), text(endpoint, "MacAddress"), links, 0,
                endpoint.path("GwPriority").asInt(0));
    }
}
