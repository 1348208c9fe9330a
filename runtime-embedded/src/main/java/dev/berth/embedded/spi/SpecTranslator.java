package dev.berth.embedded.spi;

import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.LogConfig;
import dev.berth.runtime.InjectedFile;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.Resources;
import dev.berth.runtime.RestartPolicy;
import dev.berth.runtime.Ulimit;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import dev.berth.runtime.VolumesFrom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns an SPI {@link ContainerSpec} into the engine's {@link ContainerConfig}. Fields the engine cannot honour yet
 * are refused with an {@link UnsupportedOperationRuntimeException} naming the field; nothing is dropped silently
 * except, as Docker does, published ports of a container on the host's network. {@code stdinOpen} keeps the
 * container's stdin open for attach (through the engine daemon's attach endpoint).
 *
 * <p>Network modes: {@code host}, {@code none}, {@code container:<name or id>} (the other container's namespace),
 * a network name (that network), else (absent, {@code bridge}, {@code default}) the container's own namespace on
 * the networks of the spec, in the spec's order ({@code eth0} first; the first non-internal one carries the default
 * route).
 */
final class SpecTranslator {
    private SpecTranslator() {
    }

    /** Resolves names the spec refers to: networks and containers, to their ids. */
    interface References {
        /** The id of an existing network, or a {@link NotFoundException}. */
        String networkId(String name);

        /** Whether a network of that name exists. */
        boolean networkExists(String name);

        /** The id of an existing container, or a {@link NotFoundException}. */
        String containerId(String nameOrId);

        /**
         * The volumes and binds of an existing container (not its injected files), for {@code volumes_from}, or a
         * {@link NotFoundException}.
         */
        List<ContainerConfig.BindMount> volumesOf(String nameOrId);
    }

    /** Where a volume mount comes from: its host directory and, for a volume with driver options, its device. */
    record VolumeSource(Path path, ContainerConfig.VolumeDevice device) {
    }

    private static final List<String> PROPAGATIONS = List.of("rprivate", "private", "rshared", "shared", "rslave",
            "slave");

    /**
     * Translates {@code spec}; {@code volumeSource} gives the host directory of a volume mount (named or, for an
     * anonymous one, freshly created; a subpath resolved) and the device mounted there for a volume with driver
     * options, {@code injectedSource} the host copy of an injected file (bound read-only), {@code references} the
     * ids of the networks and containers the spec names and the mounts of its {@code volumesFrom} containers.
     */
    static ContainerConfig translate(ContainerSpec spec, Function<Mount.Volume, VolumeSource> volumeSource,
            Function<InjectedFile, Path> injectedSource, References references) {
        refuseUnsupported(spec);
        ContainerConfig.Builder b = ContainerConfig.builder(spec.image().value()).name(spec.name());
        if (!spec.entrypoint().isEmpty()) {
            b.entrypoint(spec.entrypoint().toArray(String[]::new));
        }
        if (!spec.command().isEmpty()) {
            b.command(spec.command().toArray(String[]::new));
        }
        spec.env().forEach(b::env);
        spec.labels().forEach(b::label);
        spec.workingDir().ifPresent(b::workingDir);
        spec.user().ifPresent(b::user);
        spec.hostname().ifPresent(b::hostname);
        spec.domainname().ifPresent(b::domainname);
        b.tty(spec.tty()).openStdin(spec.stdinOpen(), spec.stdinOpen() && spec.stdinOnce()).init(spec.init())
                .privileged(spec.privileged()).readOnlyRootfs(spec.readOnly());
        spec.consoleSize().filter(size -> spec.tty())
                .ifPresent(size -> b.consoleSize(new ContainerConfig.ConsoleSize(size.rows(), size.columns())));
        spec.stopSignal().ifPresent(b::stopSignal);
        spec.stopGracePeriod().ifPresent(d -> b.stopTimeoutSeconds(seconds(d)));
        b.restart(restartPolicy(spec.restartPolicy()));
        spec.healthcheck().ifPresent(h -> b.healthcheck(healthcheck(h)));
        b.resources(resources(spec.resources()));
        network(spec, references, b);
        b.namespaces(namespaces(spec, references));
        spec.extraHosts().forEach(b::extraHost);
        spec.dns().forEach(b::dns);
        spec.dnsSearch().forEach(b::dnsSearch);
        spec.dnsOptions().forEach(b::dnsOption);
        spec.capAdd().forEach(b::capAdd);
        spec.capDrop().forEach(b::capDrop);
        spec.sysctls().forEach(b::sysctl);
        for (Ulimit u : spec.ulimits()) {
            b.ulimit(u.name(), u.soft(), u.hard());
        }
        spec.shmSize().ifPresent(b::shmSize);
        spec.tmpfs().forEach(b::tmpfs);
        spec.groupAdd().forEach(b::groupAdd);
        spec.logConfig().ifPresent(l -> logRotation(l, b));
        Set<String> targets = new HashSet<>();
        for (Mount mount : spec.mounts()) {
            targets.add(mount.target());
            if (mount instanceof Mount.Bind bind) {
                b.bind(new ContainerConfig.BindMount(bindSource(bind), bind.target(), bind.readOnly(),
                        bind.propagation().filter(p -> !p.isEmpty()).orElse(null), null));
            } else if (mount instanceof Mount.Volume volume) {
                VolumeSource source = volumeSource.apply(volume);
                b.bind(new ContainerConfig.BindMount(source.path().toString(), volume.target(), volume.readOnly(),
                        null, source.device()));
            } else if (mount instanceof Mount.Tmpfs tmpfs) {
                b.tmpfs(tmpfs.target(), tmpfsOptions(tmpfs));
            } else if (mount instanceof InjectedFile file) {
                b.bind(injectedSource.apply(file).toString(), file.target(), true);
            }
        }
        for (VolumesFrom from : spec.volumesFrom()) {
            for (ContainerConfig.BindMount bind : references.volumesOf(from.container())) {
                // the container's own mounts win over those it takes from others, as in Docker
                if (targets.add(bind.target())) {
                    b.bind(new ContainerConfig.BindMount(bind.source(), bind.target(), from.readOnly(bind.readOnly()),
                            bind.propagation(), bind.device()));
                }
            }
        }
        return b.build();
    }

    private static void network(ContainerSpec spec, References references, ContainerConfig.Builder b) {
        String mode = spec.networkMode().orElse("");
        if (mode.equals("host")) {
            b.network(ContainerConfig.NetworkMode.HOST);
            return;
        }
        if (mode.equals("none")) {
            b.network(ContainerConfig.NetworkMode.NONE);
            refuseNetworksAndPorts(spec, "none");
            return;
        }
        if (mode.startsWith("container:")) {
            b.networkContainer(references.containerId(mode.substring("container:".length())));
            refuseNetworksAndPorts(spec, mode);
            return;
        }
        b.network(ContainerConfig.NetworkMode.BRIDGE);
        List<NetworkAttachment> networks = new ArrayList<>(spec.networks());
        if (!List.of("", "bridge", "default").contains(mode)) {
            if (!references.networkExists(mode)) {
                unsupported(spec, "networkMode", "network mode '" + mode + "' is neither host, none, container:<name>"
                        + " nor an existing network (create the network first)");
            }
            if (networks.stream().noneMatch(n -> n.network().equals(mode))) {
                networks.add(0, NetworkAttachment.of(mode));
            }
        }
        // interfaces by priority (highest first), the spec's order among equals: earlier = higher rank
        networks.sort(Comparator.comparingInt(NetworkAttachment::priority).reversed());
        for (int i = 0; i < networks.size(); i++) {
            NetworkAttachment n = networks.get(i);
            b.networkEndpoint(endpoint(n, references.networkId(n.network()), networks.size() - i));
        }
        if (!spec.ports().isEmpty() && networks.isEmpty()) {
            unsupported(spec, "ports", "published ports need a network to reach the container: attach it to one");
        }
        for (PortBinding p : spec.ports()) {
            b.port(new ContainerConfig.PortMapping(p.protocol(), p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp(),
                    p.hostPort(), p.hostPortEnd(), p.containerPort()));
        }
    }

    /**
     * The engine's membership for an attachment: {@code rank} orders the interfaces (higher = lower number), the
     * attachment's {@code gwPriority} picks the default route, its links go along.
     */
    static ContainerConfig.NetworkEndpoint endpoint(NetworkAttachment n, String networkId, int rank) {
        return new ContainerConfig.NetworkEndpoint(networkId, n.aliases(), n.ipv4Address().orElse(null),
                n.macAddress().orElse(null), rank, n.gwPriority(), n.ipv6Address().orElse(null),
                n.links().stream().map(l -> new ContainerConfig.Link(l.container(), l.alias())).toList());
    }

    /**
     * {@code ipc}, {@code pid} and {@code uts} modes: absent/{@code private} = the container's own, {@code host}, or
     * (IPC and PID) {@code container:<name or id>}, resolved to the id here; IPC {@code shareable} is its own with a
     * {@code /dev/shm} that others may join ({@code shareable} PID or UTS is simply its own).
     */
    private static ContainerConfig.Namespaces namespaces(ContainerSpec spec, References references) {
        if ("host".equals(spec.utsMode().orElse("")) && spec.hostname().filter(h -> !h.isEmpty()).isPresent()) {
            unsupported(spec, "hostname", "conflicting options: a hostname and the host's UTS namespace (utsMode"
                    + " host keeps the host's name; drop one of them)");
        }
        return new ContainerConfig.Namespaces(namespace(spec, "ipcMode", spec.ipcMode(), true, references),
                namespace(spec, "pidMode", spec.pidMode(), true, references),
                namespace(spec, "utsMode", spec.utsMode(), false, references));
    }

    private static String namespace(ContainerSpec spec, String field, java.util.Optional<String> value,
            boolean joinable, References references) {
        String mode = value.orElse("");
        if (mode.equals("shareable") && field.equals("ipcMode")) {
            return ContainerConfig.Namespaces.SHAREABLE;
        }
        if (List.of("", "private", "shareable").contains(mode)) {
            return null;
        }
        if (mode.equals("host")) {
            return ContainerConfig.Namespaces.HOST;
        }
        if (joinable && mode.startsWith("container:") && mode.length() > "container:".length()) {
            return ContainerConfig.Namespaces.CONTAINER + references.containerId(mode.substring("container:".length()));
        }
        unsupported(spec, field, field + " '" + mode + "' is not supported (use private, host"
                + (joinable ? ", shareable or container:<name>" : "") + ")");
        return null;
    }

    private static void refuseNetworksAndPorts(ContainerSpec spec, String mode) {
        if (!spec.networks().isEmpty()) {
            unsupported(spec, "networks", "a container with network mode '" + mode + "' cannot join networks");
        }
        if (!spec.ports().isEmpty()) {
            unsupported(spec, "ports", "a container with network mode '" + mode + "' cannot publish ports");
        }
    }

    private static void refuseUnsupported(ContainerSpec spec) {
        for (PortBinding p : spec.ports()) {
            if (!p.protocol().equals("tcp") && !p.protocol().equals("udp")) {
                unsupported(spec, "ports", "protocol '" + p.protocol() + "' of port " + p.containerPort()
                        + " is not supported (use tcp or udp)");
            }
            if (!p.hostIp().isEmpty() && !p.hostIp().matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
                    && !p.hostIp().matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                unsupported(spec, "ports", "host address '" + p.hostIp() + "' of port " + p.containerPort()
                        + " is not supported (use an IPv4 or IPv6 address)");
            }
        }
        if (!spec.devices().isEmpty()) {
            unsupported(spec, "devices", "device mappings are not supported yet");
        }
        if (!spec.securityOpt().isEmpty()) {
            unsupported(spec, "securityOpt", "security options are not supported yet");
        }
        String cgroupns = spec.cgroupnsMode().orElse("");
        if (!List.of("", "private").contains(cgroupns)) {
            unsupported(spec, "cgroupnsMode", "cgroupnsMode '" + cgroupns + "' is not supported yet (only a private"
                    + " namespace)");
        }
        for (Mount mount : spec.mounts()) {
            if (mount instanceof Mount.Bind bind && bind.propagation().filter(p -> !p.isEmpty())
                    .filter(p -> !PROPAGATIONS.contains(p)).isPresent()) {
                unsupported(spec, "mounts[" + bind.target() + "].propagation", "bind propagation '"
                        + bind.propagation().get() + "' is not one of " + String.join(", ", PROPAGATIONS));
            }
        }
        spec.logConfig().ifPresent(l -> {
            if (!l.driver().isEmpty() && !l.driver().equals("json-file")) {
                unsupported(spec, "logConfig.driver", "log driver '" + l.driver() + "' is not supported (the"
                        + " embedded engine writes json-file logs)");
            }
        });
    }

    private static void unsupported(ContainerSpec spec, String field, String why) {
        throw new UnsupportedOperationRuntimeException("create container", spec.name(), field + ": " + why);
    }

    private static String bindSource(Mount.Bind bind) {
        Path source = Path.of(bind.source());
        if (!Files.exists(source)) {
            if (!bind.createHostPath()) {
                throw new NotFoundException("create container", bind.source(), "bind source path does not exist"
                        + " (create it, or allow creating the host path)");
            }
            try {
                Files.createDirectories(source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bind.source();
    }

    static int seconds(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, s);
    }

    private static String restartPolicy(RestartPolicy p) {
        return switch (p.mode()) {
            case NO -> "no";
            case ALWAYS -> "always";
            case UNLESS_STOPPED -> "unless-stopped";
            case ON_FAILURE -> p.maxRetries() > 0 ? "on-failure:" + p.maxRetries() : "on-failure";
        };
    }

    private static ContainerConfig.Healthcheck healthcheck(Healthcheck h) {
        List<String> test = h.test().isEmpty() ? List.of("NONE") : h.test();
        return new ContainerConfig.Healthcheck(test, h.interval().toMillis(), h.timeout().toMillis(), h.retries(),
                h.startPeriod().toMillis(), h.startInterval().toMillis());
    }

    private static ContainerConfig.Resources resources(Resources r) {
        return new ContainerConfig.Resources(r.memory().orElse(null), r.memorySwap().orElse(null),
                r.cpus().orElse(null), r.cpuShares().map(Integer::longValue).orElse(null), r.cpuset().orElse(null),
                null, r.pidsLimit().orElse(null));
    }

    private static void logRotation(LogConfig config, ContainerConfig.Builder b) {
        String size = config.options().get("max-size");
        String files = config.options().get("max-file");
        if (size != null || files != null) {
            b.logRotation(size == null ? 0 : bytes(size), files == null ? 1 : Integer.parseInt(files.trim()));
        }
    }

    /** Docker's size syntax: a number with an optional b, k, m or g suffix (1024-based). */
    static long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        char last = t.isEmpty() ? '0' : t.charAt(t.length() - 1);
        switch (last) {
            case 'k' -> unit = 1024L;
            case 'm' -> unit = 1024L * 1024;
            case 'g' -> unit = 1024L * 1024 * 1024;
            default -> { }
        }
        String number = unit == 1 ? t : t.substring(0, t.length() - 1);
        return (long) (Double.parseDouble(number) * unit);
    }

    private static String tmpfsOptions(Mount.Tmpfs tmpfs) {
        List<String> options = new ArrayList<>();
        if (tmpfs.sizeBytes() > 0) {
            options.add("size=" + tmpfs.sizeBytes());
        }
        if (tmpfs.mode() > 0) {
            options.add("mode=" + Integer.toOctalString(tmpfs.mode()));
        }
        return String.join(",", options);
    }
}
