package dev.berth.daemon.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.LogConfig;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.Resources;
import dev.berth.runtime.RestartPolicy;
import dev.berth.runtime.Ulimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateRequestTranslatorTest {

    private static ContainerSpec translate(String json) throws Exception {
        return CreateRequestTranslator.translate("web", Json.MAPPER.readTree(json));
    }

    @Test
    void readsConfigHostConfigAndNetworkingConfig() throws Exception {
        ContainerSpec spec = translate("""
                {"Image": "busybox:1", "Cmd": ["sh", "-c", "sleep 1"], "Entrypoint": null,
                 "Env": ["A=1", "B=x=y", "EMPTY"], "Labels": {"tier": "web"}, "WorkingDir": "/srv", "Tty": true,
                 "StopSignal": "SIGINT", "StopTimeout": 7, "Volumes": {"/cache": {}},
                 "Healthcheck": {"Test": ["CMD-SHELL", "true"], "Interval": 2000000000, "Retries": 4},
                 "HostConfig": {"Binds": ["/host:/in:ro", "data:/data"],
                   "Mounts": [{"Type": "tmpfs", "Target": "/tmp", "TmpfsOptions": {"SizeBytes": 1024}}],
                   "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}],
                                    "81/tcp": [{"HostIp": "", "HostPort": "9000-9005"}],
                                    "53/udp": [{"HostIp": "127.0.0.1", "HostPort": ""}]},
                   "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3},
                   "NetworkMode": "front", "Memory": 1048576, "NanoCpus": 500000000, "Init": true},
                 "NetworkingConfig": {"EndpointsConfig": {"front": {"Aliases": ["www"]}, "back": {}}}}
                """);
        assertEquals("web", spec.name());
        assertEquals("busybox:1", spec.image().value());
        assertEquals(List.of("sh", "-c", "sleep 1"), spec.command());
        assertEquals(List.of(), spec.entrypoint());
        assertEquals(Map.of("A", "1", "B", "x=y", "EMPTY", ""), spec.env());
        assertEquals(Map.of("tier", "web"), spec.labels());
        assertEquals(Optional.of("/srv"), spec.workingDir());
        assertTrue(spec.tty());
        assertTrue(spec.init());
        assertEquals(Optional.of(Duration.ofSeconds(7)), spec.stopGracePeriod());
        assertEquals(Duration.ofSeconds(2), spec.healthcheck().orElseThrow().interval());
        assertEquals(4, spec.healthcheck().orElseThrow().retries());
        assertEquals(List.of(new Mount.Bind("/host", "/in", true, Optional.empty(), true),
                new Mount.Volume(Optional.of("data"), "/data", false, false), new Mount.Tmpfs("/tmp", 1024, 0),
                Mount.Volume.anonymous("/cache")), spec.mounts());
        assertEquals(List.of(new PortBinding("127.0.0.1", 8080, 80, "tcp"), PortBinding.range("", 9000, 9005, 81, "tcp"),
                new PortBinding("127.0.0.1", 0, 53, "udp")), spec.ports());
        assertEquals(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 3), spec.restartPolicy());
        assertEquals(Optional.of(1048576L), spec.resources().memory());
        assertEquals(Optional.of(0.5), spec.resources().cpus());
        assertEquals(List.of(NetworkAttachment.of("front", "www"), NetworkAttachment.of("back")), spec.networks());
        assertEquals(Optional.empty(), spec.networkMode(), "a user network is an attachment, not a mode");
    }

    @Test
    void endpointLinksAndGatewayPrioritiesReachTheAttachments() throws Exception {
        ContainerSpec spec = translate("""
                {"Image": "i", "HostConfig": {"NetworkMode": "front"},
                 "NetworkingConfig": {"EndpointsConfig": {
                   "front": {"Links": ["demo-db-1:database", "legacy"], "GwPriority": 5}, "back": {}}}}
                """);
        assertEquals(List.of(new NetworkAttachment.Link("demo-db-1", "database"),
                new NetworkAttachment.Link("legacy", "legacy")), spec.networks().get(0).links());
        assertEquals(5, spec.networks().get(0).gwPriority());
        assertEquals(0, spec.networks().get(1).gwPriority());
    }

    @Test
    void readsEveryOtherConfigAndHostConfigFieldIntoItsOwnSpecProperty() throws Exception {
        ContainerSpec spec = translate("""
                {"Image": "i", "User": "app", "Hostname": "h1", "Domainname": "example.test", "OpenStdin": true,
                 "StdinOnce": true, "StopSignal": "SIGQUIT",
                 "HostConfig": {"Privileged": true, "ConsoleSize": [43, 132], "ReadonlyRootfs": true,
                   "ExtraHosts": ["db:10.0.0.2"], "Dns": ["10.0.0.53"], "DnsSearch": ["corp.test"],
                   "DnsOptions": ["ndots:2"], "CapAdd": ["NET_ADMIN"], "CapDrop": ["MKNOD"],
                   "SecurityOpt": ["no-new-privileges"], "GroupAdd": ["audio"],
                   "IpcMode": "shareable", "PidMode": "host", "UTSMode": "container:other", "CgroupnsMode": "private",
                   "Sysctls": {"net.core.somaxconn": "1024"}, "Tmpfs": {"/run": "size=1m"}, "ShmSize": 65536,
                   "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 2048}],
                   "LogConfig": {"Type": "json-file", "Config": {"max-size": "1m"}},
                   "MemorySwap": 2097152, "CpuShares": 512, "CpusetCpus": "0-1", "PidsLimit": 100}}
                """);
        assertEquals(Optional.of("app"), spec.user());
        assertEquals(Optional.of("h1"), spec.hostname());
        assertEquals(Optional.of("example.test"), spec.domainname());
        assertTrue(spec.stdinOpen() && spec.stdinOnce());
        assertEquals(Optional.of(new dev.berth.runtime.TerminalSize(132, 43)), spec.consoleSize(),
                "ConsoleSize is [height, width]");
        assertEquals(Optional.of("SIGQUIT"), spec.stopSignal());
        assertTrue(spec.privileged());
        assertTrue(spec.readOnly());
        assertEquals(List.of("db:10.0.0.2"), spec.extraHosts());
        assertEquals(List.of("10.0.0.53"), spec.dns());
        assertEquals(List.of("corp.test"), spec.dnsSearch());
        assertEquals(List.of("ndots:2"), spec.dnsOptions());
        assertEquals(List.of("NET_ADMIN"), spec.capAdd());
        assertEquals(List.of("MKNOD"), spec.capDrop());
        assertEquals(List.of("no-new-privileges"), spec.securityOpt());
        assertEquals(List.of("audio"), spec.groupAdd());
        assertEquals(Optional.of("shareable"), spec.ipcMode());
        assertEquals(Optional.of("host"), spec.pidMode());
        assertEquals(Optional.of("container:other"), spec.utsMode());
        assertEquals(Optional.of("private"), spec.cgroupnsMode());
        assertEquals(Map.of("net.core.somaxconn", "1024"), spec.sysctls());
        assertEquals(Map.of("/run", "size=1m"), spec.tmpfs());
        assertEquals(Optional.of(65536L), spec.shmSize());
        assertEquals(List.of(new Ulimit("nofile", 1024, 2048)), spec.ulimits());
        assertEquals(Optional.of(new LogConfig("json-file", Map.of("max-size", "1m"))), spec.logConfig());
        assertEquals(new Resources(Optional.empty(), Optional.of(2097152L), Optional.empty(), Optional.of(512),
                Optional.of("0-1"), Optional.of(100L)), spec.resources());
    }

    @Test
    void absentFieldsLeaveTheSpecsDefaults() throws Exception {
        ContainerSpec spec = translate("{\"Image\": \"i\", \"HostConfig\": {\"Dns\": null, \"IpcMode\": \"\"}}");
        assertEquals(List.of(), spec.dns());
        assertEquals(List.of(), spec.capAdd());
        assertEquals(Optional.empty(), spec.ipcMode());
        assertEquals(Optional.empty(), spec.pidMode());
        assertEquals(Optional.empty(), spec.user());
        assertEquals(Optional.empty(), spec.logConfig());
        assertEquals(Resources.NONE, spec.resources());
    }

    @Test
    void builtInNetworkModesStayModes() throws Exception {
        assertEquals(Optional.of("host"), translate("{\"Image\": \"i\", \"HostConfig\": {\"NetworkMode\": \"host\"}}")
                .networkMode());
        assertEquals(Optional.empty(), translate("{\"Image\": \"i\", \"HostConfig\": {\"NetworkMode\": \"default\"}}")
                .networkMode());
    }

    @Test
    void badInputNamesTheField() {
        IllegalArgumentException noImage = assertThrows(IllegalArgumentException.class, () -> translate("{}"));
        assertTrue(noImage.getMessage().startsWith("Config.Image"), noImage.getMessage());
        IllegalArgumentException policy = assertThrows(IllegalArgumentException.class, () -> translate(
                "{\"Image\": \"i\", \"HostConfig\": {\"RestartPolicy\": {\"Name\": \"sometimes\"}}}"));
        assertTrue(policy.getMessage().startsWith("HostConfig.RestartPolicy.Name"), policy.getMessage());
        IllegalArgumentException bind = assertThrows(IllegalArgumentException.class, () -> translate(
                "{\"Image\": \"i\", \"HostConfig\": {\"Binds\": [\"nocolon\"]}}"));
        assertTrue(bind.getMessage().startsWith("HostConfig.Binds"), bind.getMessage());
    }

    @Test
    void readsVolumesFromAndVolumeSubpaths() throws Exception {
        ContainerSpec spec = translate("""
                {"Image": "i", "HostConfig": {"VolumesFrom": ["data", "conf:ro", "logs:rw"],
                 "Mounts": [{"Type": "volume", "Source": "v", "Target": "/etc/app",
                             "VolumeOptions": {"Subpath": "app/conf"}}]}}
                """);
        assertEquals(List.of(new dev.berth.runtime.VolumesFrom("data", false),
                new dev.berth.runtime.VolumesFrom("conf", true), new dev.berth.runtime.VolumesFrom("logs", false)),
                spec.volumesFrom());
        assertEquals(List.of(new Mount.Volume(Optional.of("v"), "/etc/app", false, false,
                Optional.of("app/conf"))), spec.mounts());
        assertThrows(IllegalArgumentException.class, () -> translate(
                "{\"Image\": \"i\", \"HostConfig\": {\"VolumesFrom\": [\"data:z\"]}}"));
    }
}
