package dev.berth.daemon.backing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.RestartPolicy;
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
}
