package dev.berth.embedded.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run, in container terms (not Compose terms). {@code null} list fields mean "take the image's value";
 * an empty list means "none". Build one with {@link #builder(String)}.
 */
public record ContainerConfig(
        @JsonProperty("name") String name,
        @JsonProperty("image") String image,
        @JsonProperty("entrypoint") List<String> entrypoint,
        @JsonProperty("command") List<String> command,
        @JsonProperty("env") Map<String, String> env,
        @JsonProperty("user") String user,
        @JsonProperty("groupAdd") List<String> groupAdd,
        @JsonProperty("workingDir") String workingDir,
        @JsonProperty("tty") boolean tty,
        @JsonProperty("consoleSize") ConsoleSize consoleSize,
        @JsonProperty("openStdin") boolean openStdin,
        @JsonProperty("stdinOnce") boolean stdinOnce,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("domainname") String domainname,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("network") NetworkMode network,
        @JsonProperty("capAdd") List<String> capAdd,
        @JsonProperty("capDrop") List<String> capDrop,
        @JsonProperty("privileged") boolean privileged,
        @JsonProperty("readOnlyRootfs") boolean readOnlyRootfs,
        @JsonProperty("tmpfs") Map<String, String> tmpfs,
        @JsonProperty("binds") List<BindMount> binds,
        @JsonProperty("ulimits") List<Ulimit> ulimits,
        @JsonProperty("sysctls") Map<String, String> sysctls,
        @JsonProperty("resources") Resources resources,
        @JsonProperty("shmSize") Long shmSize,
        @JsonProperty("init") boolean init,
        @JsonProperty("stopSignal") String stopSignal,
        @JsonProperty("stopTimeoutSeconds") Integer stopTimeoutSeconds,
        @JsonProperty("extraHosts") List<String> extraHosts,
        @JsonProperty("dns") List<String> dns,
        @JsonProperty("dnsSearch") List<String> dnsSearch,
        @JsonProperty("restartPolicy") RestartPolicy restartPolicy,
        @JsonProperty("healthcheck") Healthcheck healthcheck,
        @JsonProperty("logMaxSize") long logMaxSize,
        @JsonProperty("logMaxFiles") int logMaxFiles,
        @JsonProperty("networks") List<NetworkEndpoint> networks,
        @JsonProperty("ports") List<PortMapping> ports,
        @JsonProperty("networkContainer") String networkContainer,
        @JsonProperty("dnsOptions") List<String> dnsOptions,
        @JsonProperty("namespaces") Namespaces namespaces) {

    /** The size a container's terminal starts with, in characters ({@code process.consoleSize} of the OCI spec). */
    public record ConsoleSize(@JsonProperty("rows") int rows, @JsonProperty("cols") int cols) {
        public ConsoleSize {
            if (rows <= 0 || cols <= 0 || rows > 65535 || cols > 65535) {
                throw new IllegalArgumentException("a console size is 1 to 65535 rows and columns, not " + rows + "x"
                        + cols);
            }
        }
    }

    /** Docker's restart policies: {@code no}, {@code always}, {@code on-failure[:max]}, {@code unless-stopped}. */
    public record RestartPolicy(@JsonProperty("name") Name name, @JsonProperty("maxRetries") int maxRetries) {
        public static final RestartPolicy NO = new RestartPolicy(Name.NO, 0);

        /** Policy names. */
        public enum Name { NO, ALWAYS, ON_FAILURE, UNLESS_STOPPED }

        /** Parses {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure} or {@code on-failure:N}. */
        public static RestartPolicy parse(String text) {
            String[] parts = text.split(":", 2);
            Name name = switch (parts[0]) {
                case "no", "" -> Name.NO;
                case "always" -> Name.ALWAYS;
                case "on-failure" -> Name.ON_FAILURE;
                case "unless-stopped" -> Name.UNLESS_STOPPED;
                default -> throw new IllegalArgumentException("invalid restart policy '" + text
                        + "' (use no, always, on-failure[:max-retries] or unless-stopped)");
            };
            int max = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (max != 0 && name != Name.ON_FAILURE) {
                throw new IllegalArgumentException("maximum retry count only works with on-failure: '" + text + "'");
            }
            return new RestartPolicy(name, max);
        }
    }

    /**
     * A healthcheck: {@code test} is {@code ["CMD", args...]}, {@code ["CMD-SHELL", command]} or {@code ["NONE"]};
     * durations in milliseconds, 0 meaning Docker's default (30 s interval and timeout, 0 start period, 5 s start
     * interval, 3 retries).
     */
    public record Healthcheck(@JsonProperty("test") List<String> test, @JsonProperty("intervalMillis") long intervalMillis,
                              @JsonProperty("timeoutMillis") long timeoutMillis, @JsonProperty("retries") int retries,
                              @JsonProperty("startPeriodMillis") long startPeriodMillis,
                              @JsonProperty("startIntervalMillis") long startIntervalMillis) {
        public Healthcheck {
            test = List.copyOf(test);
        }

        public boolean disabled() {
            return test.isEmpty() || test.get(0).equals("NONE");
        }

        public long interval() {
            return intervalMillis > 0 ? intervalMillis : 30_000;
        }

        public long timeout() {
            return timeoutMillis > 0 ? timeoutMillis : 30_000;
        }

        public int effectiveRetries() {
            return retries > 0 ? retries : 3;
        }

        public long startInterval() {
            return startIntervalMillis > 0 ? startIntervalMillis : 5_000;
        }

        /** The probe's argv. */
        public List<String> command() {
            if (test.get(0).equals("CMD-SHELL")) {
                return List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            }
            if (test.get(0).equals("CMD")) {
                return test.subList(1, test.size());
            }
            throw new IllegalArgumentException("healthcheck test must start with CMD, CMD-SHELL or NONE: " + test);
        }
    }

    /**
     * Which network namespace the container gets: its own with only loopback ({@code NONE}), the host's, its own
     * connected to bridge networks ({@link #networks()}), or the one of another container
     * ({@link #networkContainer()}, which must be running).
     */
    public enum NetworkMode { NONE, HOST, BRIDGE, CONTAINER }

    /**
     * Membership of one network: the network's id, the extra names the container answers to there, a fixed
     * IPv4/MAC address (null = allocate), {@code priority} (higher = lower interface number), {@code gwPriority}
     * (the non-internal network with the highest one carries the default route), a fixed IPv6 address (null =
     * allocate one when the network has IPv6) and its links (names only this container resolves, there).
     */
    public record NetworkEndpoint(@JsonProperty("networkId") String networkId,
                                  @JsonProperty("aliases") List<String> aliases, @JsonProperty("ipv4") String ipv4,
                                  @JsonProperty("mac") String mac, @JsonProperty("priority") int priority,
                                  @JsonProperty("gwPriority") int gwPriority, @JsonProperty("ipv6") String ipv6,
                                  @JsonProperty("links") List<Link> links) {
        public NetworkEndpoint {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            links = links == null ? List.of() : List.copyOf(links);
        }

        /** A membership without links. */
        public NetworkEndpoint(String networkId, List<String> aliases, String ipv4, String mac, int priority,
                               int gwPriority, String ipv6) {
            this(networkId, aliases, ipv4, mac, priority, gwPriority, ipv6, List.of());
        }

        /** A membership without a fixed IPv6 address and without links. */
        public NetworkEndpoint(String networkId, List<String> aliases, String ipv4, String mac, int priority,
                               int gwPriority) {
            this(networkId, aliases, ipv4, mac, priority, gwPriority, null);
        }

        public static NetworkEndpoint of(String networkId, List<String> aliases) {
            return new NetworkEndpoint(networkId, aliases, null, null, 0, 0);
        }
    }

    /**
     * A link on one network: the container {@code container} (its name or id, looked up at each query) is called
     * {@code alias} by the linking container.
     */
    public record Link(@JsonProperty("container") String container, @JsonProperty("alias") String alias) {
    }

    /**
     * The IPC, PID and UTS namespaces: each {@code null} (its own, the default), {@code host} (the host's: no
     * namespace of its own) or {@code container:<id>} (another running container's; not for UTS); IPC may also be
     * {@code shareable} (its own, with a host-side {@code /dev/shm} that joining containers bind).
     */
    public record Namespaces(@JsonProperty("ipc") String ipc, @JsonProperty("pid") String pid,
                             @JsonProperty("uts") String uts) {
        public static final Namespaces PRIVATE = new Namespaces(null, null, null);
        public static final String HOST = "host";
        public static final String CONTAINER = "container:";
        public static final String SHAREABLE = "shareable";

        /** The mode of namespace {@code kind} ({@code ipc}, {@code pid} or {@code uts}); null: its own. */
        public String of(String kind) {
            return switch (kind) {
                case "ipc" -> ipc;
                case "pid" -> pid;
                case "uts" -> uts;
                default -> null;
            };
        }

        public boolean host(String kind) {
            return HOST.equals(of(kind));
        }

        /** Its own namespace, which other containers may join (for IPC: with its {@code /dev/shm}). */
        public boolean shareable(String kind) {
            return SHAREABLE.equals(of(kind));
        }

        /** The id of the container whose namespace {@code kind} is shared, if any. */
        public java.util.Optional<String> container(String kind) {
            String mode = of(kind);
            return mode != null && mode.startsWith(CONTAINER)
                    ? java.util.Optional.of(mode.substring(CONTAINER.length())) : java.util.Optional.empty();
        }
    }

    /**
     * A published port: {@code tcp}/{@code udp}, host address ({@code 0.0.0.0} = all), host port range (both 0 =
     * ephemeral, equal = fixed) and the container port.
     */
    public record PortMapping(@JsonProperty("protocol") String protocol, @JsonProperty("hostIp") String hostIp,
                              @JsonProperty("hostPortStart") int hostPortStart,
                              @JsonProperty("hostPortEnd") int hostPortEnd,
                              @JsonProperty("containerPort") int containerPort) {
    }

    /**
     * A bind mount of a host path; {@code propagation} is the OCI propagation option (null: {@code rprivate});
     * {@code device}, when set, is mounted on {@code source} while a container using it runs (a volume of the
     * local driver with {@code type}/{@code o}/{@code device} options).
     */
    public record BindMount(@JsonProperty("source") String source, @JsonProperty("target") String target,
                            @JsonProperty("readOnly") boolean readOnly,
                            @JsonProperty("propagation") String propagation,
                            @JsonProperty("device") VolumeDevice device) {
        public BindMount(String source, String target, boolean readOnly) {
            this(source, target, readOnly, null, null);
        }

        /** The propagation option for the OCI mount. */
        public String propagationOrDefault() {
            return propagation == null ? "rprivate" : propagation;
        }
    }

    /**
     * What the local volume driver mounts for a volume: {@code mount -t <type> -o <options> <device> <dir>};
     * {@code options} may be empty.
     */
    public record VolumeDevice(@JsonProperty("type") String type, @JsonProperty("options") String options,
                               @JsonProperty("device") String device) {
    }

    /** A resource limit such as {@code nofile}; clamped to this process's hard limit when the spec is made. */
    public record Ulimit(@JsonProperty("name") String name, @JsonProperty("soft") long soft,
                         @JsonProperty("hard") long hard) {
    }

    /** cgroup limits; {@code null} means unlimited / default. {@code memorySwap} is memory+swap as in Docker. */
    public record Resources(@JsonProperty("memory") Long memory, @JsonProperty("memorySwap") Long memorySwap,
                            @JsonProperty("cpus") Double cpus, @JsonProperty("cpuShares") Long cpuShares,
                            @JsonProperty("cpusetCpus") String cpusetCpus, @JsonProperty("cpusetMems") String cpusetMems,
                            @JsonProperty("pidsLimit") Long pidsLimit) {
        public static final Resources NONE = new Resources(null, null, null, null, null, null, null);
    }

    public ContainerConfig {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = command == null ? null : List.copyOf(command);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        groupAdd = groupAdd == null ? List.of() : List.copyOf(groupAdd);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        network = network == null ? NetworkMode.NONE : network;
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
        tmpfs = tmpfs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tmpfs));
        binds = binds == null ? List.of() : List.copyOf(binds);
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        sysctls = sysctls == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
        resources = resources == null ? Resources.NONE : resources;
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        networks = networks == null ? List.of() : List.copyOf(networks);
        ports = ports == null ? List.of() : List.copyOf(ports);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        namespaces = namespaces == null ? Namespaces.PRIVATE : namespaces;
    }

    /** This config with other network memberships (connect/disconnect). */
    public ContainerConfig withNetworks(List<NetworkEndpoint> value) {
        return new ContainerConfig(name, image, entrypoint, command, env, user, groupAdd, workingDir, tty,
                consoleSize, openStdin, stdinOnce, hostname,
                domainname, labels, network, capAdd, capDrop, privileged, readOnlyRootfs, tmpfs, binds, ulimits,
                sysctls, resources, shmSize, init, stopSignal, stopTimeoutSeconds, extraHosts, dns, dnsSearch,
                restartPolicy, healthcheck, logMaxSize, logMaxFiles, value, ports, networkContainer, dnsOptions,
                namespaces);
    }

    public static Builder builder(String image) {
        return new Builder(image);
    }

    /** Fluent builder; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private final String image;
        private List<String> entrypoint;
        private List<String> command;
        private final Map<String, String> env = new LinkedHashMap<>();
        private String user;
        private final List<String> groupAdd = new ArrayList<>();
        private String workingDir;
        private boolean tty;
        private ConsoleSize consoleSize;
        private boolean openStdin;
        private boolean stdinOnce;
        private String hostname;
        private String domainname;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private NetworkMode network = NetworkMode.NONE;
        private final List<String> capAdd = new ArrayList<>();
        private final List<String> capDrop = new ArrayList<>();
        private boolean privileged;
        private boolean readOnlyRootfs;
        private final Map<String, String> tmpfs = new LinkedHashMap<>();
        private final List<BindMount> binds = new ArrayList<>();
        private final List<Ulimit> ulimits = new ArrayList<>();
        private final Map<String, String> sysctls = new LinkedHashMap<>();
        private Resources resources = Resources.NONE;
        private Long shmSize;
        private boolean init;
        private String stopSignal;
        private Integer stopTimeoutSeconds;
        private final List<String> extraHosts = new ArrayList<>();
        private final List<String> dns = new ArrayList<>();
        private final List<String> dnsSearch = new ArrayList<>();
        private RestartPolicy restartPolicy = RestartPolicy.NO;
        private Healthcheck healthcheck;
        private long logMaxSize;
        private int logMaxFiles = 1;
        private final List<NetworkEndpoint> networks = new ArrayList<>();
        private final List<PortMapping> ports = new ArrayList<>();
        private String networkContainer;
        private final List<String> dnsOptions = new ArrayList<>();
        private Namespaces namespaces = Namespaces.PRIVATE;

        private Builder(String image) {
            this.image = image;
        }

        public Builder name(String value) { name = value; return this; }
        public Builder entrypoint(String... value) { entrypoint = List.of(value); return this; }
        public Builder command(String... value) { command = List.of(value); return this; }
        public Builder env(String key, String value) { env.put(key, value); return this; }
        public Builder user(String value) { user = value; return this; }
        public Builder groupAdd(String value) { groupAdd.add(value); return this; }
        public Builder workingDir(String value) { workingDir = value; return this; }
        public Builder tty(boolean value) { tty = value; return this; }
        /** The size the terminal starts with (with {@code tty}); null: the runtime's default. */
        public Builder consoleSize(ConsoleSize value) { consoleSize = value; return this; }
        /** Keeps the container's stdin open for attached clients; {@code once}: closed when the first one ends it. */
        public Builder openStdin(boolean open, boolean once) { openStdin = open; stdinOnce = once; return this; }
        public Builder hostname(String value) { hostname = value; return this; }
        public Builder domainname(String value) { domainname = value; return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder network(NetworkMode value) { network = value; return this; }
        public Builder capAdd(String value) { capAdd.add(value); return this; }
        public Builder capDrop(String value) { capDrop.add(value); return this; }
        public Builder privileged(boolean value) { privileged = value; return this; }
        public Builder readOnlyRootfs(boolean value) { readOnlyRootfs = value; return this; }
        public Builder tmpfs(String path, String options) { tmpfs.put(path, options); return this; }
        public Builder bind(String source, String target, boolean readOnly) { binds.add(new BindMount(source, target, readOnly)); return this; }
        public Builder bind(BindMount bind) { binds.add(bind); return this; }
        public Builder ulimit(String n, long soft, long hard) { ulimits.add(new Ulimit(n, soft, hard)); return this; }
        public Builder sysctl(String key, String value) { sysctls.put(key, value); return this; }
        public Builder resources(Resources value) { resources = value; return this; }
        public Builder shmSize(long bytes) { shmSize = bytes; return this; }
        public Builder init(boolean value) { init = value; return this; }
        public Builder stopSignal(String value) { stopSignal = value; return this; }
        public Builder stopTimeoutSeconds(int value) { stopTimeoutSeconds = value; return this; }
        public Builder extraHost(String hostColonIp) { extraHosts.add(hostColonIp); return this; }
        public Builder dns(String server) { dns.add(server); return this; }
        public Builder dnsSearch(String domain) { dnsSearch.add(domain); return this; }
        public Builder restart(String policy) { restartPolicy = RestartPolicy.parse(policy); return this; }
        public Builder healthcheck(Healthcheck value) { healthcheck = value; return this; }
        /** json-file {@code max-size} in bytes (0 = unlimited) and {@code max-file}. */
        public Builder logRotation(long maxSize, int maxFiles) { logMaxSize = maxSize; logMaxFiles = maxFiles; return this; }

        /** Joins a bridge network (sets the network mode to {@code BRIDGE}). */
        public Builder networkEndpoint(NetworkEndpoint value) { network = NetworkMode.BRIDGE; networks.add(value); return this; }
        public Builder port(PortMapping value) { ports.add(value); return this; }
        /** Shares the network namespace of another (running) container. */
        public Builder networkContainer(String containerId) { network = NetworkMode.CONTAINER; networkContainer = containerId; return this; }
        public Builder dnsOption(String value) { dnsOptions.add(value); return this; }
        /** The IPC, PID and UTS namespaces (default: the container's own). */
        public Builder namespaces(Namespaces value) { namespaces = value; return this; }

        public ContainerConfig build() {
            return new ContainerConfig(name, image, entrypoint, command, env, user, groupAdd, workingDir, tty,
                consoleSize, openStdin, stdinOnce, hostname,
                    domainname, labels, network, capAdd, capDrop, privileged, readOnlyRootfs, tmpfs, binds, ulimits,
                    sysctls, resources, shmSize, init, stopSignal, stopTimeoutSeconds, extraHosts, dns, dnsSearch, restartPolicy, healthcheck, logMaxSize, logMaxFiles, networks, ports, networkContainer, dnsOptions,
                    namespaces);
        }
    }
}
