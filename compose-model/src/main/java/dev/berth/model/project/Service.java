package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * One service, every attribute of the Compose specification as a typed field (snake_case names in YAML).
 * Absent collections are empty, except {@code command}, {@code entrypoint}: {@code null} there means "use the image's",
 * an empty list means "clear it". Durations are normalised Go-style strings ({@code 1m30s}, see
 * {@link dev.berth.model.canonical.GoDuration#parse}); byte sizes are numbers of bytes; {@code x-*} keys are in
 * {@code extensions}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Service(
        @JsonProperty("annotations") Map<String, String> annotations,
        @JsonProperty("attach") Boolean attach,
        @JsonProperty("blkio_config") BlkioConfig blkioConfig,
        @JsonProperty("build") BuildConfig build,
        @JsonProperty("cap_add") List<String> capAdd,
        @JsonProperty("cap_drop") List<String> capDrop,
        @JsonProperty("cgroup") String cgroup,
        @JsonProperty("cgroup_parent") String cgroupParent,
        @JsonProperty("command") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> command,
        @JsonProperty("configs") List<FileRef> configs,
        @JsonProperty("container_name") String containerName,
        @JsonProperty("cpu_count") Long cpuCount,
        @JsonProperty("cpu_percent") Double cpuPercent,
        @JsonProperty("cpu_period") Long cpuPeriod,
        @JsonProperty("cpu_quota") Long cpuQuota,
        @JsonProperty("cpu_rt_period") Long cpuRtPeriod,
        @JsonProperty("cpu_rt_runtime") Long cpuRtRuntime,
        @JsonProperty("cpu_shares") Long cpuShares,
        @JsonProperty("cpus") Double cpus,
        @JsonProperty("cpuset") String cpuset,
        @JsonProperty("credential_spec") Map<String, Object> credentialSpec,
        @JsonProperty("depends_on") Map<String, DependsOn> dependsOn,
        @JsonProperty("deploy") Deploy deploy,
        @JsonProperty("develop") Map<String, Object> develop,
        @JsonProperty("device_cgroup_rules") List<String> deviceCgroupRules,
        @JsonProperty("devices") List<DeviceMapping> devices,
        @JsonProperty("dns") List<String> dns,
        @JsonProperty("dns_opt") List<String> dnsOpt,
        @JsonProperty("dns_search") List<String> dnsSearch,
        @JsonProperty("domainname") String domainname,
        @JsonProperty("entrypoint") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> entrypoint,
        @JsonProperty("env_file") Object envFile,
        @JsonProperty("environment") Map<String, String> environment,
        @JsonProperty("expose") List<String> expose,
        @JsonProperty("extends") Object extendsSpec,
        @JsonProperty("external_links") List<String> externalLinks,
        @JsonProperty("extra_hosts") Map<String, List<String>> extraHosts,
        @JsonProperty("gpus") List<DeviceRequest> gpus,
        @JsonProperty("group_add") List<String> groupAdd,
        @JsonProperty("healthcheck") Healthcheck healthcheck,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("image") String image,
        @JsonProperty("init") Boolean init,
        @JsonProperty("ipc") String ipc,
        @JsonProperty("isolation") String isolation,
        @JsonProperty("label_file") Object labelFile,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("links") List<String> links,
        @JsonProperty("logging") Logging logging,
        @JsonProperty("mac_address") String macAddress,
        @JsonProperty("mem_limit") Long memLimit,
        @JsonProperty("mem_reservation") Long memReservation,
        @JsonProperty("mem_swappiness") Long memSwappiness,
        @JsonProperty("memswap_limit") Long memswapLimit,
        @JsonProperty("models") Object models,
        @JsonProperty("network_mode") String networkMode,
        @JsonProperty("networks") Map<String, ServiceNetwork> networks,
        @JsonProperty("oom_kill_disable") Boolean oomKillDisable,
        @JsonProperty("oom_score_adj") Long oomScoreAdj,
        @JsonProperty("pid") String pid,
        @JsonProperty("pids_limit") Long pidsLimit,
        @JsonProperty("platform") String platform,
        @JsonProperty("ports") List<PortConfig> ports,
        @JsonProperty("post_start") List<ServiceHook> postStart,
        @JsonProperty("pre_start") List<ServiceHook> preStart,
        @JsonProperty("pre_stop") List<ServiceHook> preStop,
        @JsonProperty("privileged") Boolean privileged,
        @JsonProperty("profiles") List<String> profiles,
        @JsonProperty("provider") Map<String, Object> provider,
        @JsonProperty("pull_policy") String pullPolicy,
        @JsonProperty("pull_refresh_after") String pullRefreshAfter,
        @JsonProperty("read_only") Boolean readOnly,
        @JsonProperty("restart") String restart,
        @JsonProperty("runtime") String runtime,
        @JsonProperty("scale") Long scale,
        @JsonProperty("secrets") List<FileRef> secrets,
        @JsonProperty("security_opt") List<String> securityOpt,
        @JsonProperty("shm_size") Long shmSize,
        @JsonProperty("stdin_open") Boolean stdinOpen,
        @JsonProperty("stop_grace_period") String stopGracePeriod,
        @JsonProperty("stop_signal") String stopSignal,
        @JsonProperty("storage_opt") Map<String, Object> storageOpt,
        @JsonProperty("sysctls") Map<String, String> sysctls,
        @JsonProperty("tmpfs") List<String> tmpfs,
        @JsonProperty("tty") Boolean tty,
        @JsonProperty("ulimits") Map<String, Ulimit> ulimits,
        @JsonProperty("use_api_socket") Boolean useApiSocket,
        @JsonProperty("user") String user,
        @JsonProperty("userns_mode") String usernsMode,
        @JsonProperty("uts") String uts,
        @JsonProperty("volumes") List<ServiceVolume> volumes,
        @JsonProperty("volumes_from") List<String> volumesFrom,
        @JsonProperty("working_dir") String workingDir,
        @JsonProperty("extensions") Map<String, Object> extensions) {

    public Service {
        annotations = Copy.map(annotations);
        capAdd = Copy.list(capAdd);
        capDrop = Copy.list(capDrop);
        command = Copy.listOrNull(command);
        configs = Copy.list(configs);
        credentialSpec = Copy.map(credentialSpec);
        dependsOn = Copy.map(dependsOn);
        develop = Copy.map(develop);
        deviceCgroupRules = Copy.list(deviceCgroupRules);
        devices = Copy.list(devices);
        dns = Copy.list(dns);
        dnsOpt = Copy.list(dnsOpt);
        dnsSearch = Copy.list(dnsSearch);
        entrypoint = Copy.listOrNull(entrypoint);
        environment = Copy.map(environment);
        expose = Copy.list(expose);
        externalLinks = Copy.list(externalLinks);
        extraHosts = Copy.map(extraHosts);
        gpus = Copy.list(gpus);
        groupAdd = Copy.list(groupAdd);
        labels = Copy.map(labels);
        links = Copy.list(links);
        networks = Copy.map(networks);
        ports = Copy.list(ports);
        postStart = Copy.list(postStart);
        preStart = Copy.list(preStart);
        preStop = Copy.list(preStop);
        profiles = Copy.list(profiles);
        provider = Copy.map(provider);
        secrets = Copy.list(secrets);
        securityOpt = Copy.list(securityOpt);
        storageOpt = Copy.map(storageOpt);
        sysctls = Copy.map(sysctls);
        tmpfs = Copy.list(tmpfs);
        ulimits = Copy.map(ulimits);
        volumes = Copy.list(volumes);
        volumesFrom = Copy.list(volumesFrom);
        extensions = Copy.map(extensions);
    }
}
