package dev.berth.swarm.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ServiceSpec;
import dev.berth.model.load.LoadOptions;
import dev.berth.model.load.ProjectLoader;
import dev.berth.model.project.Project;
import dev.berth.swarm.StackNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversion of compose files into Swarm specs, without any daemon. */
class StackConverterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StackNamespace STACK = new StackNamespace("shop");

    @TempDir
    Path dir;

    private StackSpec convert(String compose) throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), compose);
        Project project = ProjectLoader.load(LoadOptions.defaults(dir, Map.of("TOKEN", "from-env"))
                .withProjectName(Optional.of(STACK.name()))).project();
        return StackConverter.convert(project, STACK, name -> Optional.ofNullable(Map.of("TOKEN", "from-env").get(name)));
    }

    private static JsonNode json(ServiceSpec spec) {
        return JSON.valueToTree(spec);
    }

    private static ServicePlan service(StackSpec stack, String key) {
        return stack.services().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void serviceSpecCarriesDeploySettings() throws Exception {
        ServiceSpec model = service(convert("""
                services:
                  web:
                    image: nginx:1.27
                    entrypoint: ["/docker-entrypoint.sh"]
                    command: ["nginx", "-g", "daemon off;"]
                    environment: {B: "2", A: "1"}
                    labels: {tier: front}
                    healthcheck:
                      test: ["CMD", "true"]
                      interval: 10s
                      retries: 3
                    ports:
                      - "8080:80"
                      - {target: 443, published: 8443, mode: host}
                    deploy:
                      replicas: 3
                      labels: {team: a}
                      endpoint_mode: vip
                      update_config: {parallelism: 2, delay: 5s, order: start-first, failure_action: rollback}
                      rollback_config: {parallelism: 1, monitor: 1m}
                      restart_policy: {condition: on-failure, delay: 2s, max_attempts: 4, window: 30s}
                      placement:
                        constraints: ["node.role == worker"]
                        preferences: [{spread: node.labels.zone}]
                        max_replicas_per_node: 2
                      resources:
                        limits: {cpus: "0.5", memory: 64M}
                        reservations: {memory: 16M}
                """), "web").spec();
        JsonNode spec = json(model);
        assertEquals("shop_web", spec.path("Name").asText());
        assertEquals("shop", spec.path("Labels").path(StackNamespace.LABEL).asText());
        assertEquals("a", spec.path("Labels").path("team").asText());
        assertEquals(3, spec.path("Mode").path("Replicated").path("Replicas").asInt());
        JsonNode container = spec.path("TaskTemplate").path("ContainerSpec");
        assertEquals("nginx:1.27", container.path("Image").asText());
        assertEquals("[\"/docker-entrypoint.sh\"]", container.path("Command").toString());
        assertEquals("[\"nginx\",\"-g\",\"daemon off;\"]", container.path("Args").toString());
        assertEquals("[\"A=1\",\"B=2\"]", container.path("Env").toString());
        assertEquals("front", container.path("Labels").path("tier").asText());
        assertEquals("shop", container.path("Labels").path(StackNamespace.LABEL).asText());
        assertEquals(10_000_000_000L, model.getTaskTemplate().getContainerSpec().getHealthCheck().getInterval());
        assertEquals(3, model.getTaskTemplate().getContainerSpec().getHealthCheck().getRetries());
        JsonNode update = spec.path("UpdateConfig");
        assertEquals(2, update.path("Parallelism").asInt());
        assertEquals(5_000_000_000L, update.path("Delay").asLong());
        assertEquals("start-first", update.path("Order").asText());
        assertEquals("rollback", update.path("FailureAction").asText());
        assertEquals(60_000_000_000L, spec.path("RollbackConfig").path("Monitor").asLong());
        JsonNode restart = spec.path("TaskTemplate").path("RestartPolicy");
        assertEquals("on-failure", restart.path("Condition").asText());
        assertEquals(4, restart.path("MaxAttempts").asInt());
        assertEquals(30_000_000_000L, restart.path("Window").asLong());
        JsonNode placement = spec.path("TaskTemplate").path("Placement");
        assertEquals("[\"node.role == worker\"]", placement.path("Constraints").toString());
        assertEquals("node.labels.zone", placement.path("Preferences").get(0).path("Spread").path("SpreadDescriptor").asText());
        assertEquals(2, placement.path("MaxReplicas").asInt());
        JsonNode resources = spec.path("TaskTemplate").path("Resources");
        assertEquals(500_000_000L, resources.path("Limits").path("NanoCPUs").asLong());
        assertEquals(64L * 1024 * 1024, resources.path("Limits").path("MemoryBytes").asLong());
        assertEquals(16L * 1024 * 1024, resources.path("Reservations").path("MemoryBytes").asLong());
        JsonNode endpoint = spec.path("EndpointSpec");
        assertEquals("vip", endpoint.path("Mode").asText());
        assertEquals("ingress", endpoint.path("Ports").get(0).path("PublishMode").asText());
        assertEquals(8080, endpoint.path("Ports").get(0).path("PublishedPort").asInt());
        assertEquals(80, endpoint.path("Ports").get(0).path("TargetPort").asInt());
        assertEquals("host", endpoint.path("Ports").get(1).path("PublishMode").asText());
        assertEquals(8443, endpoint.path("Ports").get(1).path("PublishedPort").asInt());
    }

    @Test
    void globalModeAndDnsrr() throws Exception {
        ServiceSpec model = service(convert("""
                services:
                  agent:
                    image: agent
                    deploy: {mode: global, endpoint_mode: dnsrr}
                """), "agent").spec();
        JsonNode spec = json(model);
        assertTrue(model.getMode().getGlobal() != null);
        assertNull(model.getMode().getReplicated());
        assertEquals("dnsrr", spec.path("EndpointSpec").path("Mode").asText());
    }

    @Test
    void networksAreOverlaysScopedByTheStackWithADefaultOne() throws Exception {
        StackSpec stack = convert("""
                services:
                  api: {image: api, networks: {back: {aliases: [backend]}}}
                  cron: {image: cron}
                networks:
                  back: {attachable: true, internal: true, labels: {zone: b}}
                """);
        NetworkPlan back = stack.networks().stream().filter(n -> n.key().equals("back")).findFirst().orElseThrow();
        assertEquals("shop_back", back.name());
        assertEquals("overlay", back.driver());
        assertTrue(back.attachable());
        assertTrue(back.internal());
        assertEquals(Map.of("zone", "b", StackNamespace.LABEL, "shop"), back.labels());
        assertTrue(stack.networks().stream().anyMatch(n -> n.name().equals("shop_default")));
        JsonNode api = json(service(stack, "api").spec()).path("TaskTemplate").path("Networks").get(0);
        assertEquals("shop_back", api.path("Target").asText());
        assertEquals("[\"api\",\"backend\"]", api.path("Aliases").toString());
        JsonNode cron = json(service(stack, "cron").spec()).path("TaskTemplate").path("Networks").get(0);
        assertEquals("shop_default", cron.path("Target").asText());
    }

    @Test
    void secretsAndConfigsAreVersionedByContent() throws Exception {
        Files.writeString(dir.resolve("pw.txt"), "one");
        String compose = """
                services:
                  db:
                    image: db
                    secrets: [pw, {source: token, target: api_token, mode: 0400}]
                    configs: [{source: conf, target: /etc/db.conf}]
                secrets:
                  pw: {file: ./pw.txt}
                  token: {environment: TOKEN}
                configs:
                  conf: {content: "max=1"}
                """;
        StackSpec first = convert(compose);
        SwarmObjectPlan pw = first.secrets().get(0);
        assertEquals("shop_pw", pw.baseName());
        assertTrue(pw.name().matches("shop_pw-[0-9a-f]{10}"), pw.name());
        assertEquals("shop_pw", pw.labels().get(SwarmObjectPlan.BASE_LABEL));
        assertEquals("from-env", new String(first.secrets().get(1).data()));
        JsonNode container = json(service(first, "db").spec()).path("TaskTemplate").path("ContainerSpec");
        assertEquals(pw.name(), container.path("Secrets").get(0).path("SecretName").asText());
        assertEquals("pw", container.path("Secrets").get(0).path("File").path("Name").asText());
        assertEquals(0444, container.path("Secrets").get(0).path("File").path("Mode").asInt());
        assertEquals("api_token", container.path("Secrets").get(1).path("File").path("Name").asText());
        assertEquals(0400, container.path("Secrets").get(1).path("File").path("Mode").asInt());
        assertEquals("/etc/db.conf", container.path("Configs").get(0).path("File").path("Name").asText());

        Files.writeString(dir.resolve("pw.txt"), "two");
        SwarmObjectPlan rotated = convert(compose).secrets().get(0);
        assertNotEquals(pw.name(), rotated.name());
        assertEquals(pw.baseName(), rotated.baseName());
    }

    @Test
    void volumesBecomeMounts() throws Exception {
        JsonNode mounts = json(service(convert("""
                services:
                  db:
                    image: db
                    volumes: ["data:/var/lib/db", "/srv/conf:/etc/conf:ro"]
                    tmpfs: [/tmp]
                volumes:
                  data: {driver: local}
                """), "db").spec()).path("TaskTemplate").path("ContainerSpec").path("Mounts");
        assertEquals("volume", mounts.get(0).path("Type").asText());
        assertEquals("shop_data", mounts.get(0).path("Source").asText());
        assertEquals("shop", mounts.get(0).path("VolumeOptions").path("Labels").path(StackNamespace.LABEL).asText());
        assertEquals("bind", mounts.get(1).path("Type").asText());
        assertEquals("/srv/conf", mounts.get(1).path("Source").asText());
        assertTrue(mounts.get(1).path("ReadOnly").asBoolean());
        assertEquals("tmpfs", mounts.get(2).path("Type").asText());
    }

    @Test
    void ignoredAttributesAreReportedPerService() throws Exception {
        StackSpec stack = convert("""
                services:
                  web:
                    image: web
                    build: .
                    container_name: web1
                    depends_on: [db]
                    links: [db]
                    privileged: true
                    pids_limit: 100
                  db:
                    image: db
                    restart: always
                """);
        List<String> web = stack.ignored().stream().filter(i -> i.service().equals("web"))
                .map(IgnoredOption::attribute).toList();
        assertEquals(List.of("build", "container_name", "depends_on", "links", "privileged", "pids_limit"), web);
        // restart without deploy.restart_policy is converted, not ignored
        assertTrue(stack.ignored().stream().noneMatch(i -> i.service().equals("db")));
        assertEquals("any", json(service(stack, "db").spec()).path("TaskTemplate").path("RestartPolicy")
                .path("Condition").asText());
    }

    @Test
    void whatSwarmCannotExpressIsAnErrorNamingTheAttribute() throws Exception {
        StackConversionException noImage = assertThrows(StackConversionException.class,
                () -> convert("services:\n  web:\n    build: .\n"));
        assertTrue(noImage.getMessage().startsWith("services.web.image"), noImage.getMessage());
        StackConversionException bridge = assertThrows(StackConversionException.class, () -> convert("""
                services: {web: {image: web, networks: [front]}}
                networks: {front: {driver: bridge}}
                """));
        assertTrue(bridge.getMessage().startsWith("networks.front.driver: bridge"), bridge.getMessage());
        assertNull(service(convert("services: {web: {image: web}}"), "web").spec().getEndpointSpec());
    }
}
