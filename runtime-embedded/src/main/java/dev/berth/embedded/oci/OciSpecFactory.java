package dev.berth.embedded.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.image.ImageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link ContainerConfig} plus the image's run defaults into an OCI runtime-spec {@code config.json}
 * with Docker's defaults: namespaces, mounts, masked and read-only paths, capabilities, rlimits (clamped),
 * cgroup resources, the engine's /etc files and an optional init as PID 1.
 */
public final class OciSpecFactory {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    public static final String INIT_PATH = "/sbin/docker-init";
    public static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;
    static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
    static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HostLimits host;
    private final Path initBinary;

    /** @param initBinary a static init (tini-static) bind-mounted for {@code init: true}, or null if none */
    public OciSpecFactory(HostLimits host, Path initBinary) {
        this.host = host;
        this.initBinary = initBinary;
    }

    /** The process part (args, env, user, cwd, caps) shared by the container's main process and execs. */
    public record ProcessSpec(List<String> args, List<String> env, String cwd, ResolvedUser user, boolean terminal,
                              List<String> capabilities) {
        public ProcessSpec {
            args = List.copyOf(args);
            env = List.copyOf(env);
            capabilities = List.copyOf(capabilities);
        }
    }

    public ProcessSpec process(ContainerConfig config, ImageConfig.Defaults image, Path rootfs, String hostname) {
        List<String> entrypoint = config.entrypoint() != null ? config.entrypoint() : nullToEmpty(image.entrypoint());
        List<String> cmd = config.command() != null ? config.command()
                : config.entrypoint() != null ? List.of() : nullToEmpty(image.cmd());
        List<String> args = new ArrayList<>(entrypoint);
        args.addAll(cmd);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command specified: the image has no ENTRYPOINT/CMD and the container"
                    + " sets neither entrypoint nor command");
        }
        if (config.init()) {
            if (initBinary == null) {
                throw new IllegalStateException("init: true needs tini (install the 'tini' package)");
            }
            args.add(0, "--");
            args.add(0, INIT_PATH);
        }
        String user = config.user() != null ? config.user() : image.user();
        ResolvedUser resolved = new UserResolver(rootfs).resolve(user, config.groupAdd());
        String cwd = config.workingDir() != null && !config.workingDir().isEmpty() ? config.workingDir()
                : image.workingDir() != null && !image.workingDir().isEmpty() ? image.workingDir() : "/";
        return new ProcessSpec(args, env(config, image, hostname, resolved), cwd, resolved, config.tty(),
                Capabilities.forContainer(config, host));
    }

    static List<String> env(ContainerConfig config, ImageConfig.Defaults image, String hostname, ResolvedUser user) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOSTNAME", hostname);
        for (String entry : nullToEmpty(image.env())) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        env.putAll(config.env());
        if (config.tty()) {
            env.putIfAbsent("TERM", "xterm");
        }
        env.putIfAbsent("HOME", user.home() == null || user.home().isEmpty() ? "/" : user.home());
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** The complete config.json for a container with a loopback-only or the host's network namespace. */
    public ObjectNode spec(String id, ContainerConfig config, ImageConfig.Defaults image, Path rootfs,
                           EtcFiles.Paths etc, String hostname, String cgroupsPath) {
        return spec(id, config, image, rootfs, etc, hostname, cgroupsPath, null);
    }

    /**
     * The complete config.json for a container whose root file system is mounted at {@code rootfs};
     * {@code networkNamespace} (may be null) is an existing namespace to join (bridge networks, or another
     * container's), else the network mode decides: a new loopback-only namespace, or the host's.
     */
    public ObjectNode spec(String id, ContainerConfig config, ImageConfig.Defaults image, Path rootfs,
                           EtcFiles.Paths etc, String hostname, String cgroupsPath, Path networkNamespace) {
        return spec(id, config, image, rootfs, etc, hostname, cgroupsPath, networkNamespace, Map.of());
    }

    /** The complete config.json, sharing namespaces of other containers, with a {@code /dev/shm} of its own. */
    public ObjectNode spec(String id, ContainerConfig config, ImageConfig.Defaults image, Path rootfs,
                           EtcFiles.Paths etc, String hostname, String cgroupsPath, Path networkNamespace,
                           Map<String, Path> peers) {
        return spec(id, config, image, rootfs, etc, hostname, cgroupsPath, networkNamespace, peers, null);
    }

    /**
     * The complete config.json, sharing namespaces of other containers: {@code peers} maps a namespace kind
     * ({@code ipc}, {@code pid}) to the {@code /proc/<pid>} directory of the running container whose namespace
     * this one joins (its config says {@code container:<id>} for that kind). A namespace in {@code host} mode is left
     * out (the host's). {@code /dev/shm} is the host directory {@code sharedShm} when given (a tmpfs on the host: the
     * container's own when its IPC is {@code shareable}, else that of the container whose IPC namespace it joins, so
     * that both see the same files, as with Docker), else the host's {@code /dev/shm} with the host's IPC namespace,
     * else a tmpfs of its own inside the container (nothing mounted on the host).
     */
    public ObjectNode spec(String id, ContainerConfig config, ImageConfig.Defaults image, Path rootfs,
                           EtcFiles.Paths etc, String hostname, String cgroupsPath, Path networkNamespace,
                           Map<String, Path> peers, Path sharedShm) {
        ProcessSpec process = process(config, image, rootfs, hostname);
        ObjectNode spec = JSON.objectNode();
        spec.put("ociVersion", "1.0.2");
        ObjectNode processNode = processNode(process, config);
        if (config.tty() && config.consoleSize() != null) {
            // runc sizes the terminal before the process starts: no window for a program to read a wrong size
            processNode.putObject("consoleSize").put("height", config.consoleSize().rows())
                    .put("width", config.consoleSize().cols());
        }
        spec.set("process", processNode);
        ObjectNode root = spec.putObject("root");
        root.put("path", rootfs.toAbsolutePath().toString());
        root.put("readonly", config.readOnlyRootfs());
        if (!config.namespaces().host("uts")) {
            spec.put("hostname", hostname); // with the host's UTS namespace, the host's name stays
        }
        if (config.domainname() != null && !config.domainname().isEmpty()) {
            spec.put("domainname", config.domainname());
        }
        spec.set("mounts", mounts(config, etc, sharedShm));
        spec.set("linux", linux(id, config, cgroupsPath, networkNamespace, peers));
        return spec;
    }

    /** The process.json for {@code runc exec}. */
    public ObjectNode execProcess(ProcessSpec process, ContainerConfig config) {
        return processNode(process, config);
    }

    private ObjectNode processNode(ProcessSpec process, ContainerConfig config) {
        ObjectNode node = JSON.objectNode();
        node.put("terminal", process.terminal());
        ObjectNode user = node.putObject("user");
        user.put("uid", process.user().uid());
        user.put("gid", process.user().gid());
        if (!process.user().additionalGids().isEmpty()) {
            ArrayNode gids = user.putArray("additionalGids");
            process.user().additionalGids().forEach(gids::add);
        }
        strings(node.putArray("args"), process.args());
        strings(node.putArray("env"), process.env());
        node.put("cwd", process.cwd());
        ObjectNode caps = node.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            strings(caps.putArray(set), process.capabilities());
        }
        node.set("rlimits", rlimits(config));
        node.put("noNewPrivileges", false);
        return node;
    }

    private ArrayNode rlimits(ContainerConfig config) {
        Map<String, long[]> limits = new LinkedHashMap<>();
        long nofile = Math.min(1048576L, host.hard("RLIMIT_NOFILE"));
        limits.put("RLIMIT_NOFILE", new long[] {nofile, nofile});
        for (ContainerConfig.Ulimit ulimit : config.ulimits()) {
            String name = "RLIMIT_" + ulimit.name().toUpperCase(Locale.ROOT);
            long hard = Math.min(ulimit.hard(), host.hard(name));
            long soft = Math.min(ulimit.soft(), hard);
            limits.put(name, new long[] {soft, hard});
        }
        ArrayNode array = JSON.arrayNode();
        limits.forEach((name, values) -> {
            ObjectNode limit = array.addObject();
            limit.put("type", name);
            limit.put("hard", values[1]);
            limit.put("soft", values[0]);
        });
        return array;
    }

    private ArrayNode mounts(ContainerConfig config, EtcFiles.Paths etc, Path sharedShm) {
        ArrayNode mounts = JSON.arrayNode();
        mount(mounts, "/proc", "proc", "proc", "nosuid", "noexec", "nodev");
        mount(mounts, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
        mount(mounts, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620",
                "gid=5");
        if (config.network() == ContainerConfig.NetworkMode.HOST) {
            mount(mounts, "/sys", "bind", "/sys", "rbind", "nosuid", "noexec", "nodev", "ro");
        } else {
            mount(mounts, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
        }
        mount(mounts, "/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev");
        mount(mounts, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
        if (sharedShm != null) {
            mount(mounts, "/dev/shm", "bind", sharedShm.toString(), "rbind", "nosuid", "noexec", "nodev");
        } else if (config.namespaces().host("ipc")) {
            mount(mounts, "/dev/shm", "bind", "/dev/shm", "rbind", "nosuid", "noexec", "nodev");
        } else {
            long shm = config.shmSize() != null ? config.shmSize() : DEFAULT_SHM_SIZE;
            mount(mounts, "/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=" + shm);
        }
        for (Map.Entry<String, String> tmpfs : config.tmpfs().entrySet()) {
            List<String> options = new ArrayList<>(List.of("nosuid", "nodev", "noexec"));
            if (!tmpfs.getValue().isEmpty()) {
                options.addAll(List.of(tmpfs.getValue().split(",")));
            }
            mount(mounts, tmpfs.getKey(), "tmpfs", "tmpfs", options.toArray(String[]::new));
        }
        for (ContainerConfig.BindMount bind : config.binds()) {
            mount(mounts, bind.target(), "bind", bind.source(), "rbind", bind.propagationOrDefault(),
                    bind.readOnly() ? "ro" : "rw");
        }
        mount(mounts, "/etc/resolv.conf", "bind", etc.resolvConf().toString(), "rbind", "rprivate");
        mount(mounts, "/etc/hostname", "bind", etc.hostname().toString(), "rbind", "rprivate");
        mount(mounts, "/etc/hosts", "bind", etc.hosts().toString(), "rbind", "rprivate");
        if (config.init()) {
            mount(mounts, INIT_PATH, "bind", initBinary.toString(), "bind", "ro", "rprivate");
        }
        return mounts;
    }

    private static void mount(ArrayNode mounts, String destination, String type, String source, String... options) {
        ObjectNode mount = mounts.addObject();
        mount.put("destination", destination);
        mount.put("type", type);
        mount.put("source", source);
        strings(mount.putArray("options"), List.of(options));
    }

    /**
     * As Docker: a shared bind needs the container's root to be a shared mount, a slave one a slave (or shared)
     * root, else the propagation could not reach the bind; runc's default otherwise.
     */
    static java.util.Optional<String> rootfsPropagation(ContainerConfig config) {
        List<String> used = config.binds().stream().map(ContainerConfig.BindMount::propagationOrDefault).toList();
        if (used.contains("shared") || used.contains("rshared")) {
            return java.util.Optional.of("rshared");
        }
        if (used.contains("slave") || used.contains("rslave")) {
            return java.util.Optional.of("rslave");
        }
        return java.util.Optional.empty();
    }

    private ObjectNode linux(String id, ContainerConfig config, String cgroupsPath, Path networkNamespace,
                             Map<String, Path> peers) {
        ObjectNode linux = JSON.objectNode();
        ArrayNode namespaces = linux.putArray("namespaces");
        for (String kind : List.of("pid", "ipc", "uts")) {
            if (peers.containsKey(kind)) {
                namespaces.addObject().put("type", kind).put("path", peers.get(kind).resolve("ns").resolve(kind)
                        .toString());
            } else if (!config.namespaces().host(kind)) {
                namespaces.addObject().put("type", kind);
            }
        }
        namespaces.addObject().put("type", "mount");
        if (networkNamespace != null) {
            namespaces.addObject().put("type", "network").put("path", networkNamespace.toString());
        } else if (config.network() != ContainerConfig.NetworkMode.HOST) {
            namespaces.addObject().put("type", "network");
        }
        if (!config.sysctls().isEmpty()) {
            ObjectNode sysctl = linux.putObject("sysctl");
            config.sysctls().forEach(sysctl::put);
        }
        linux.put("cgroupsPath", cgroupsPath);
        rootfsPropagation(config).ifPresent(p -> linux.put("rootfsPropagation", p));
        linux.set("resources", resources(config.resources(), config.privileged()));
        if (!config.privileged()) {
            strings(linux.putArray("maskedPaths"), MASKED_PATHS);
            strings(linux.putArray("readonlyPaths"), READONLY_PATHS);
        }
        return linux;
    }

    private static ObjectNode resources(ContainerConfig.Resources r, boolean privileged) {
        ObjectNode resources = JSON.objectNode();
        ObjectNode deny = resources.putArray("devices").addObject();
        deny.put("allow", privileged);
        deny.put("access", "rwm");
        if (r.memory() != null || r.memorySwap() != null) {
            ObjectNode memory = resources.putObject("memory");
            if (r.memory() != null) {
                memory.put("limit", r.memory());
            }
            if (r.memorySwap() != null) {
                memory.put("swap", r.memorySwap());
            } else if (r.memory() != null) {
                memory.put("swap", r.memory() * 2);
            }
        }
        if (r.cpus() != null || r.cpuShares() != null || r.cpusetCpus() != null || r.cpusetMems() != null) {
            ObjectNode cpu = resources.putObject("cpu");
            if (r.cpus() != null) {
                cpu.put("period", 100000L);
                cpu.put("quota", Math.round(r.cpus() * 100000L));
            }
            if (r.cpuShares() != null) {
                cpu.put("shares", r.cpuShares());
            }
            if (r.cpusetCpus() != null) {
                cpu.put("cpus", r.cpusetCpus());
            }
            if (r.cpusetMems() != null) {
                cpu.put("mems", r.cpusetMems());
            }
        }
        if (r.pidsLimit() != null) {
            resources.putObject("pids").put("limit", r.pidsLimit());
        }
        return resources;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
