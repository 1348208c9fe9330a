package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.build.BuildQuery;
import dev.berth.daemon.build.LocalContext;
import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.ContainerStatus;
import dev.berth.embedded.registry.RegistryOptions;
import dev.berth.runtime.LabelSelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /_ping}, {@code /version} and {@code /info}: what clients ask before anything else. */
final class SystemHandler {
    /**
     * The {@code /version} engine detail listing the Berth extensions this engine takes, comma-separated, so that
     * clients use them only with engines that know them.
     */
    static final String BERTH_EXTENSIONS = "BerthExtensions";

    private final EngineBacking backing;
    private final String engineVersion;

    SystemHandler(EngineBacking backing, String engineVersion) {
        this.backing = backing;
        this.engineVersion = engineVersion;
    }

    void register(Router r) {
        r.on("GET", "/_ping", this::ping)
                .on("GET", "/version", this::version)
                .on("GET", "/info", this::info);
    }

    private void ping(ApiCall call) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("Api-Version", ApiVersions.CURRENT);
        headers.put("Ostype", "linux");
        headers.put("Docker-Experimental", "false");
        headers.put("Cache-Control", "no-cache, no-store, must-revalidate");
        headers.put("Pragma", "no-cache");
        call.exchange().respond(200, headers, "OK".getBytes(StandardCharsets.US_ASCII));
    }

    private void version(ApiCall call) throws IOException {
        ObjectNode out = Json.object();
        out.putObject("Platform").put("Name", "Berth Engine");
        ObjectNode engine = out.putArray("Components").addObject();
        engine.put("Name", "Engine");
        engine.put("Version", engineVersion);
        ObjectNode details = engine.putObject("Details");
        details.put("ApiVersion", ApiVersions.CURRENT);
        details.put("MinAPIVersion", ApiVersions.MINIMUM);
        details.put("Os", "linux");
        details.put("Arch", arch());
        details.put("KernelVersion", System.getProperty("os.version"));
        details.put("OciRuntime", backing.engine().runtimeName());
        details.put(BERTH_EXTENSIONS, BuildQuery.CONTEXTS_PARAM + "," + LocalContext.DIRECTORY_PARAM);
        out.put("Version", engineVersion);
        out.put("ApiVersion", ApiVersions.CURRENT);
        out.put("MinAPIVersion", ApiVersions.MINIMUM);
        out.put("GitCommit", "");
        out.put("GoVersion", "java" + System.getProperty("java.version"));
        out.put("Os", "linux");
        out.put("Arch", arch());
        out.put("KernelVersion", System.getProperty("os.version"));
        out.put("BuildTime", "");
        call.json(200, out);
    }

    private void info(ApiCall call) throws IOException {
        List<ContainerInfo> containers = backing.engine().list(Map.of());
        ObjectNode out = Json.object();
        out.put("ID", "berth");
        out.put("Containers", containers.size());
        out.put("ContainersRunning", count(containers, ContainerStatus.RUNNING));
        out.put("ContainersPaused", count(containers, ContainerStatus.PAUSED));
        out.put("ContainersStopped", containers.size() - count(containers, ContainerStatus.RUNNING)
                - count(containers, ContainerStatus.PAUSED));
        out.put("Images", backing.runtime().listImages().size());
        out.put("Driver", "overlay");
        out.put("DockerRootDir", backing.root().toAbsolutePath().toString());
        out.put("LoggingDriver", "json-file");
        out.put("CgroupDriver", "cgroupfs");
        out.put("KernelVersion", System.getProperty("os.version"));
        out.put("OperatingSystem", "linux");
        out.put("OSType", "linux");
        out.put("Architecture", arch());
        out.put("NCPU", Runtime.getRuntime().availableProcessors());
        out.put("MemTotal", 0);
        out.put("Name", hostname());
        out.put("ServerVersion", engineVersion);
        out.putObject("Runtimes").putObject(backing.engine().runtimeName()).put("path",
                backing.engine().runtimeName());
        out.put("DefaultRuntime", backing.engine().runtimeName());
        out.set("Labels", Json.MAPPER.createArrayNode());
        out.set("SecurityOptions", Json.MAPPER.createArrayNode());
        out.put("Volumes", backing.runtime().listVolumes(LabelSelector.all()).size());
        out.set("Warnings", Json.MAPPER.createArrayNode());
        out.set("RegistryConfig", registryConfig());
        call.json(200, out);
    }

    /** dockerd's {@code RegistryConfig}: Docker Hub's mirrors, and the insecure registries and networks. */
    private ObjectNode registryConfig() {
        RegistryOptions registry = backing.registry();
        ObjectNode out = Json.object();
        ArrayNode mirrors = out.putArray("Mirrors");
        registry.hub().mirrors().forEach(m -> mirrors.add(m.toString() + "/"));
        ArrayNode cidrs = out.putArray("InsecureRegistryCIDRs");
        if (registry.insecure().loopback()) {
            cidrs.add("127.0.0.0/8");
            cidrs.add("::1/128");
        }
        registry.insecure().networks().forEach(n -> cidrs.add(n.toString()));
        ObjectNode indexes = out.putObject("IndexConfigs");
        ObjectNode hub = indexes.putObject("docker.io");
        hub.put("Name", "docker.io");
        hub.set("Mirrors", mirrors.deepCopy());
        hub.put("Secure", true);
        hub.put("Official", true);
        for (String name : new java.util.TreeSet<>(registry.insecure().names())) {
            ObjectNode index = indexes.putObject(name);
            index.put("Name", name);
            index.putArray("Mirrors");
            index.put("Secure", false);
            index.put("Official", false);
        }
        return out;
    }

    private static long count(List<ContainerInfo> containers, ContainerStatus status) {
        return containers.stream().filter(c -> c.state().status() == status).count();
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") ? "arm64" : arch.equals("x86_64") ? "amd64" : arch;
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
