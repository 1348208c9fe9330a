package dev.berth.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a runtime needs to create one container, in container terms only.
 *
 * <p>Collections are ordered and unmodifiable; an empty {@code entrypoint} or {@code command} keeps the image's
 * own. Build instances with {@link #builder(String, ImageRef)} and derive changed copies with {@link #toBuilder()}.
 *
 * <p>{@code consoleSize} is the size the terminal of a {@code tty} container has from the start (e.g. the user's
 * terminal for an interactive run), so that a program reading it at once sees the right one; empty: the runtime's
 * default until someone resizes it.
 *
 * <p>{@code volumesFrom} gives the container the volumes and binds of other containers (resolved by the runtime
 * when it creates the container), after its own {@code mounts}.
 */
public record ContainerSpec(    String name,
    ImageRef image,
    List<String> entrypoint,
    List<String> command,
    Map<String, String> env,
    Map<String, String> labels,
    Optional<String> workingDir,
    Optional<String> user,
    Optional<String> hostname,
    Optional<String> domainname,
    boolean tty,
    Optional<TerminalSize> consoleSize,
    boolean stdinOpen,
    boolean stdinOnce,
    boolean init,
    Optional<String> stopSignal,
    Optional<Duration> stopGracePeriod,
    RestartPolicy restartPolicy,
    Optional<Healthcheck> healthcheck,
    Resources resources,
    List<Mount> mounts,
    List<PortBinding> ports,
    List<NetworkAttachment> networks,
    Optional<String> networkMode,
    List<String> extraHosts,
    List<String> dns,
    List<String> dnsSearch,
    List<String> dnsOptions,
    List<String> capAdd,
    List<String> capDrop,
    boolean privileged,
    boolean readOnly,
    Map<String, String> sysctls,
    List<Ulimit> ulimits,
    Optional<Long> shmSize,
    Map<String, String> tmpfs,
    List<DeviceMapping> devices,
    List<String> securityOpt,
    Optional<LogConfig> logConfig,
    List<String> groupAdd,
    Optional<String> ipcMode,
    Optional<String> pidMode,
    Optional<String> utsMode,
    Optional<String> cgroupnsMode,
    List<VolumesFrom> volumesFrom) {

  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    env = Values.orderedCopy(env);
    labels = Values.orderedCopy(labels);
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(domainname, "domainname");
    Objects.requireNonNull(consoleSize, "consoleSize");
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(stopGracePeriod, "stopGracePeriod");
    Objects.requireNonNull(restartPolicy, "restartPolicy");
    Objects.requireNonNull(healthcheck, "healthcheck");
    Objects.requireNonNull(resources, "resources");
    mounts = List.copyOf(mounts);
    ports = List.copyOf(ports);
    networks = List.copyOf(networks);
    Objects.requireNonNull(networkMode, "networkMode");
    extraHosts = List.copyOf(extraHosts);
    dns = List.copyOf(dns);
    dnsSearch = List.copyOf(dnsSearch);
    dnsOptions = List.copyOf(dnsOptions);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    sysctls = Values.orderedCopy(sysctls);
    ulimits = List.copyOf(ulimits);
    Objects.requireNonNull(shmSize, "shmSize");
    tmpfs = Values.orderedCopy(tmpfs);
    devices = List.copyOf(devices);
    securityOpt = List.copyOf(securityOpt);
    Objects.requireNonNull(logConfig, "logConfig");
    groupAdd = List.copyOf(groupAdd);
    Objects.requireNonNull(ipcMode, "ipcMode");
    Objects.requireNonNull(pidMode, "pidMode");
    Objects.requireNonNull(utsMode, "utsMode");
    Objects.requireNonNull(cgroupnsMode, "cgroupnsMode");
    volumesFrom = List.copyOf(volumesFrom);
    if (name.isBlank()) {
      throw new IllegalArgumentException("container name must not be blank");
    }
  }

  /** Starts a builder for a container called {@code name} running {@code image}. */
  public static Builder builder(String name, ImageRef image) {
    return new Builder().name(name).image(image);
  }

  /** A builder holding every value of this spec. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.image = image;
    b.entrypoint = entrypoint;
    b.command = command;
    b.env = env;
    b.labels = labels;
    b.workingDir = workingDir;
    b.user = user;
    b.hostname = hostname;
    b.domainname = domainname;
    b.tty = tty;
    b.consoleSize = consoleSize;
    b.stdinOpen = stdinOpen;
    b.stdinOnce = stdinOnce;
    b.init = init;
    b.stopSignal = stopSignal;
    b.stopGracePeriod = stopGracePeriod;
    b.restartPolicy = restartPolicy;
    b.healthcheck = healthcheck;
    b.resources = resources;
    b.mounts = mounts;
    b.ports = ports;
    b.networks = networks;
    b.networkMode = networkMode;
    b.extraHosts = extraHosts;
    b.dns = dns;
    b.dnsSearch = dnsSearch;
    b.dnsOptions = dnsOptions;
    b.capAdd = capAdd;
    b.capDrop = capDrop;
    b.privileged = privileged;
    b.readOnly = readOnly;
    b.sysctls = sysctls;
    b.ulimits = ulimits;
    b.shmSize = shmSize;
    b.tmpfs = tmpfs;
    b.devices = devices;
    b.securityOpt = securityOpt;
    b.logConfig = logConfig;
    b.groupAdd = groupAdd;
    b.ipcMode = ipcMode;
    b.pidMode = pidMode;
    b.utsMode = utsMode;
    b.cgroupnsMode = cgroupnsMode;
    b.volumesFrom = volumesFrom;
    return b;
  }

  /** Mutable builder; {@link #build()} validates and copies. */
  public static final class Builder {
    private String name = null;
    private ImageRef image = null;
    private List<String> entrypoint = List.of();
    private List<String> command = List.of();
    private Map<String, String> env = Map.of();
    private Map<String, String> labels = Map.of();
    private Optional<String> workingDir = Optional.empty();
    private Optional<String> user = Optional.empty();
    private Optional<String> hostname = Optional.empty();
    private Optional<String> domainname = Optional.empty();
    private boolean tty = false;
    private Optional<TerminalSize> consoleSize = Optional.empty();
    private boolean stdinOpen = false;
    private boolean stdinOnce = false;
    private boolean init = false;
    private Optional<String> stopSignal = Optional.empty();
    private Optional<Duration> stopGracePeriod = Optional.empty();
    private RestartPolicy restartPolicy = RestartPolicy.NO;
    private Optional<Healthcheck> healthcheck = Optional.empty();
    private Resources resources = Resources.NONE;
    private List<Mount> mounts = List.of();
    private List<PortBinding> ports = List.of();
    private List<NetworkAttachment> networks = List.of();
    private Optional<String> networkMode = Optional.empty();
    private List<String> extraHosts = List.of();
    private List<String> dns = List.of();
    private List<String> dnsSearch = List.of();
    private List<String> dnsOptions = List.of();
    private List<String> capAdd = List.of();
    private List<String> capDrop = List.of();
    private boolean privileged = false;
    private boolean readOnly = false;
    private Map<String, String> sysctls = Map.of();
    private List<Ulimit> ulimits = List.of();
    private Optional<Long> shmSize = Optional.empty();
    private Map<String, String> tmpfs = Map.of();
    private List<DeviceMapping> devices = List.of();
    private List<String> securityOpt = List.of();
    private Optional<LogConfig> logConfig = Optional.empty();
    private List<String> groupAdd = List.of();
    private Optional<String> ipcMode = Optional.empty();
    private Optional<String> pidMode = Optional.empty();
    private Optional<String> utsMode = Optional.empty();
    private Optional<String> cgroupnsMode = Optional.empty();
    private List<VolumesFrom> volumesFrom = List.of();

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder image(ImageRef image) {
      this.image = image;
      return this;
    }

    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    public Builder command(List<String> command) {
      this.command = command;
      return this;
    }

    public Builder env(Map<String, String> env) {
      this.env = env;
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder workingDir(Optional<String> workingDir) {
      this.workingDir = workingDir;
      return this;
    }

    public Builder workingDir(String workingDir) {
      this.workingDir = Optional.of(workingDir);
      return this;
    }

    public Builder user(Optional<String> user) {
      this.user = user;
      return this;
    }

    public Builder user(String user) {
      this.user = Optional.of(user);
      return this;
    }

    public Builder hostname(Optional<String> hostname) {
      this.hostname = hostname;
      return this;
    }

    public Builder hostname(String hostname) {
      this.hostname = Optional.of(hostname);
      return this;
    }

    public Builder domainname(Optional<String> domainname) {
      this.domainname = domainname;
      return this;
    }

    public Builder domainname(String domainname) {
      this.domainname = Optional.of(domainname);
      return this;
    }

    public Builder tty(boolean tty) {
      this.tty = tty;
      return this;
    }

    /** The size the container's terminal starts with (only meaningful with {@link #tty(boolean)}). */
    public Builder consoleSize(Optional<TerminalSize> consoleSize) {
      this.consoleSize = consoleSize;
      return this;
    }

    public Builder consoleSize(TerminalSize consoleSize) {
      this.consoleSize = Optional.of(consoleSize);
      return this;
    }

    public Builder stdinOpen(boolean stdinOpen) {
      this.stdinOpen = stdinOpen;
      return this;
    }

    /** Close the container's stdin when the first attached client closes its own, as {@code docker run -i} does. */
    public Builder stdinOnce(boolean stdinOnce) {
      this.stdinOnce = stdinOnce;
      return this;
    }

    public Builder init(boolean init) {
      this.init = init;
      return this;
    }

    public Builder stopSignal(Optional<String> stopSignal) {
      this.stopSignal = stopSignal;
      return this;
    }

    public Builder stopSignal(String stopSignal) {
      this.stopSignal = Optional.of(stopSignal);
      return this;
    }

    public Builder stopGracePeriod(Optional<Duration> stopGracePeriod) {
      this.stopGracePeriod = stopGracePeriod;
      return this;
    }

    public Builder stopGracePeriod(Duration stopGracePeriod) {
      this.stopGracePeriod = Optional.of(stopGracePeriod);
      return this;
    }

    public Builder restartPolicy(RestartPolicy restartPolicy) {
      this.restartPolicy = restartPolicy;
      return this;
    }

    public Builder healthcheck(Optional<Healthcheck> healthcheck) {
      this.healthcheck = healthcheck;
      return this;
    }

    public Builder healthcheck(Healthcheck healthcheck) {
      this.healthcheck = Optional.of(healthcheck);
      return this;
    }

    public Builder resources(Resources resources) {
      this.resources = resources;
      return this;
    }

    public Builder mounts(List<Mount> mounts) {
      this.mounts = mounts;
      return this;
    }

    public Builder ports(List<PortBinding> ports) {
      this.ports = ports;
      return this;
    }

    public Builder networks(List<NetworkAttachment> networks) {
      this.networks = networks;
      return this;
    }

    public Builder networkMode(Optional<String> networkMode) {
      this.networkMode = networkMode;
      return this;
    }

    public Builder networkMode(String networkMode) {
      this.networkMode = Optional.of(networkMode);
      return this;
    }

    public Builder extraHosts(List<String> extraHosts) {
      this.extraHosts = extraHosts;
      return this;
    }

    public Builder dns(List<String> dns) {
      this.dns = dns;
      return this;
    }

    public Builder dnsSearch(List<String> dnsSearch) {
      this.dnsSearch = dnsSearch;
      return this;
    }

    public Builder dnsOptions(List<String> dnsOptions) {
      this.dnsOptions = dnsOptions;
      return this;
    }

    public Builder capAdd(List<String> capAdd) {
      this.capAdd = capAdd;
      return this;
    }

    public Builder capDrop(List<String> capDrop) {
      this.capDrop = capDrop;
      return this;
    }

    public Builder privileged(boolean privileged) {
      this.privileged = privileged;
      return this;
    }

    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Builder sysctls(Map<String, String> sysctls) {
      this.sysctls = sysctls;
      return this;
    }

    public Builder ulimits(List<Ulimit> ulimits) {
      this.ulimits = ulimits;
      return this;
    }

    public Builder shmSize(Optional<Long> shmSize) {
      this.shmSize = shmSize;
      return this;
    }

    public Builder shmSize(Long shmSize) {
      this.shmSize = Optional.of(shmSize);
      return this;
    }

    public Builder tmpfs(Map<String, String> tmpfs) {
      this.tmpfs = tmpfs;
      return this;
    }

    public Builder devices(List<DeviceMapping> devices) {
      this.devices = devices;
      return this;
    }

    public Builder securityOpt(List<String> securityOpt) {
      this.securityOpt = securityOpt;
      return this;
    }

    public Builder logConfig(Optional<LogConfig> logConfig) {
      this.logConfig = logConfig;
      return this;
    }

    public Builder logConfig(LogConfig logConfig) {
      this.logConfig = Optional.of(logConfig);
      return this;
    }

    public Builder groupAdd(List<String> groupAdd) {
      this.groupAdd = groupAdd;
      return this;
    }

    public Builder ipcMode(Optional<String> ipcMode) {
      this.ipcMode = ipcMode;
      return this;
    }

    public Builder ipcMode(String ipcMode) {
      this.ipcMode = Optional.of(ipcMode);
      return this;
    }

    public Builder pidMode(Optional<String> pidMode) {
      this.pidMode = pidMode;
      return this;
    }

    public Builder pidMode(String pidMode) {
      this.pidMode = Optional.of(pidMode);
      return this;
    }

    public Builder utsMode(Optional<String> utsMode) {
      this.utsMode = utsMode;
      return this;
    }

    public Builder utsMode(String utsMode) {
      this.utsMode = Optional.of(utsMode);
      return this;
    }

    public Builder cgroupnsMode(Optional<String> cgroupnsMode) {
      this.cgroupnsMode = cgroupnsMode;
      return this;
    }

    public Builder cgroupnsMode(String cgroupnsMode) {
      this.cgroupnsMode = Optional.of(cgroupnsMode);
      return this;
    }

    public Builder volumesFrom(List<VolumesFrom> volumesFrom) {
      this.volumesFrom = volumesFrom;
      return this;
    }

    public ContainerSpec build() {
      return new ContainerSpec(name, image, entrypoint, command, env, labels, workingDir, user, hostname, domainname,
          tty, consoleSize, stdinOpen, stdinOnce, init, stopSignal, stopGracePeriod, restartPolicy, healthcheck,
          resources, mounts, ports, networks, networkMode, extraHosts, dns, dnsSearch, dnsOptions, capAdd, capDrop,
          privileged, readOnly, sysctls, ulimits, shmSize, tmpfs, devices, securityOpt, logConfig, groupAdd, ipcMode,
          pidMode, utsMode, cgroupnsMode, volumesFrom);
    }
  }
}
