package dev.berth.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.berth.swarm.testing.TestSwarm;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.async.ResultCallback;
import dev.berth.model.load.LoadOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.load.ProjectLoader;
import dev.berth.swarm.convert.ObjectKind;
import dev.berth.swarm.convert.StackConverter;
import dev.berth.swarm.deploy.DeployOptions;
import dev.berth.swarm.deploy.StackDeployer;
import dev.berth.swarm.deploy.StackEvent;
import dev.berth.swarm.deploy.StackRemover;
import dev.berth.swarm.inspect.ServiceStatus;
import dev.berth.swarm.inspect.StackQueries;
import dev.berth.swarm.inspect.StackSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A whole stack life cycle on a real single-node swarm: deploy, converge, scale, roll, rotate, prune, remove. */
class StackOnSwarmTest {
    @RegisterExtension
    static final TestSwarm SWARM = new TestSwarm();

    private static final StackNamespace STACK = new StackNamespace("berthtest");
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private SwarmConnection connection;
    private final List<StackEvent> events = new ArrayList<>();

    @BeforeEach
    void connect() {
        connection = SwarmConnection.open(SWARM.endpoint(), Duration.ofMinutes(2));
    }

    @AfterEach
    void removeStack() {
        new StackRemover(connection, e -> { }).remove(STACK);
        connection.close();
    }

    @Test
    void stackLifeCycle() throws Exception {
        Files.writeString(dir.resolve("db_password.txt"), "first-secret");
        Files.writeString(dir.resolve("app.conf"), "color=blue\n");
        writeCompose(1, "hello", true);

        // deploy: a network, a secret, a config and three services
        deploy(false);
        assertTrue(events.contains(new StackEvent.NetworkCreated("berthtest_back")), events::toString);
        assertEquals(3, count(StackEvent.ServiceCreated.class));
        assertTrue(events.stream().anyMatch(e -> e instanceof StackEvent.OptionsIgnored o
                && o.options().stream().anyMatch(i -> i.attribute().equals("container_name"))), events::toString);
        awaitConverged();
        String firstSecret = secretNames().get(0);
        assertEquals("first-secret", execIn("berthtest_api", "cat", "/run/secrets/db_password"));
        assertEquals("color=blue\n", execIn("berthtest_web", "cat", "/etc/app.conf"));
        assertEquals(List.of(new StackSummary("berthtest", 3)), queries().stacks());

        // the same file again changes nothing
        Map<String, Long> before = versions();
        deploy(false);
        assertEquals(3, count(StackEvent.ServiceUnchanged.class), events::toString);
        assertEquals(before, versions());

        // scale web to 3 replicas: only web changes
        writeCompose(3, "hello", true);
        deploy(false);
        assertEquals(List.of("berthtest_web"), updated());
        awaitConverged();
        assertEquals("3/3", status("berthtest_web").replicas());

        // a new environment value rolls api over; web and worker keep their versions
        before = versions();
        writeCompose(3, "bonjour", true);
        deploy(false);
        assertEquals(List.of("berthtest_api"), updated());
        Map<String, Long> after = versions();
        assertNotEquals(before.get("berthtest_api"), after.get("berthtest_api"));
        assertEquals(before.get("berthtest_web"), after.get("berthtest_web"));
        assertEquals(before.get("berthtest_worker"), after.get("berthtest_worker"));
        awaitConverged();
        assertEquals("bonjour", execIn("berthtest_api", "sh", "-c", "echo $GREETING"));

        // rotating the secret: a new version, api updated to it, the old version removed
        Files.writeString(dir.resolve("db_password.txt"), "second-secret");
        deploy(false);
        String secondSecret = secretNames().get(0);
        assertNotEquals(firstSecret, secondSecret);
        assertEquals(List.of(secondSecret), secretNames());
        assertTrue(events.contains(new StackEvent.ObjectCreated(ObjectKind.SECRET, secondSecret)), events::toString);
        assertTrue(events.contains(new StackEvent.ObjectRemoved(ObjectKind.SECRET, firstSecret)), events::toString);
        assertEquals(List.of("berthtest_api"), updated());
        awaitConverged();
        assertEquals("second-secret", execIn("berthtest_api", "cat", "/run/secrets/db_password"));

        // --prune removes the service the file dropped
        writeCompose(3, "bonjour", false);
        deploy(true);
        assertTrue(events.contains(new StackEvent.ServiceRemoved("berthtest_worker")), events::toString);

        // stack rm leaves nothing
        assertTrue(new StackRemover(connection, e -> { }).remove(STACK));
        DockerClient client = SWARM.client();
        assertEquals(List.of(), client.listServicesCmd().withLabelFilter(STACK.filter()).exec());
        // the manager accepted the removal; the engine drops its copy once the last task has detached
        await("the stack's networks to disappear", () -> client.listNetworksCmd().withFilter("label",
                List.of(StackNamespace.LABEL + "=berthtest")).exec().isEmpty());
        assertEquals(List.of(), client.listSecretsCmd().withLabelFilter(STACK.filter()).exec());
        assertEquals(List.of(), client.listConfigsCmd().withFilters(Map.of("label",
                List.of(StackNamespace.LABEL + "=berthtest"))).exec());
        await("the stack's containers to stop", () -> client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(StackNamespace.LABEL, "berthtest")).exec().isEmpty());
        assertEquals(List.of(), queries().stacks());
    }

    private void writeCompose(int webReplicas, String greeting, boolean withWorker) throws Exception {
        String worker = !withWorker ? "" : """
                  worker:
                    image: ${IMAGE}
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    container_name: ignored-by-swarm
                    deploy:
                      mode: global
                """;
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    image: ${IMAGE}
                    command: ["httpd", "-f", "-p", "8080"]
                    stop_grace_period: 1s
                    networks: [back]
                    configs:
                      - source: app_conf
                        target: /etc/app.conf
                    deploy:
                      replicas: %d
                      update_config:
                        parallelism: 2
                        order: start-first
                  api:
                    image: ${IMAGE}
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    environment:
                      GREETING: %s
                    networks: [back]
                    secrets: [db_password]
                    depends_on: [web]
                %s
                networks:
                  back:
                    driver: overlay
                    attachable: true
                secrets:
                  db_password:
                    file: ./db_password.txt
                configs:
                  app_conf:
                    file: ./app.conf
                """.formatted(webReplicas, greeting, worker));
    }

    private void deploy(boolean prune) {
        events.clear();
        LoadedProject loaded = ProjectLoader.load(LoadOptions.defaults(dir, Map.of("IMAGE", SWARM.image()))
                .withProjectName(Optional.of(STACK.name())));
        new StackDeployer(connection, events::add).deploy(
                StackConverter.convert(loaded.project(), STACK, loaded.environment()::get),
                new DeployOptions(prune, false, dir.resolve(".docker")));
    }

    private long count(Class<? extends StackEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }

    private List<String> updated() {
        return events.stream().filter(e -> e instanceof StackEvent.ServiceUpdated)
                .map(e -> ((StackEvent.ServiceUpdated) e).name()).sorted().toList();
    }

    private Map<String, Long> versions() {
        Map<String, Long> versions = new HashMap<>();
        for (Service s : SWARM.client().listServicesCmd().withLabelFilter(STACK.filter()).exec()) {
            versions.put(s.getSpec().getName(), s.getVersion().getIndex());
        }
        return versions;
    }

    private List<String> secretNames() {
        return SWARM.client().listSecretsCmd().withLabelFilter(STACK.filter()).exec().stream()
                .map(s -> s.getSpec().getName()).sorted().toList();
    }

    private StackQueries queries() {
        return new StackQueries(connection);
    }

    private ServiceStatus status(String name) {
        return queries().services(STACK).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** Every service has all its tasks running, and no task of an older spec is still running. */
    private void awaitConverged() {
        await("every service to run its desired tasks", () -> {
            List<ServiceStatus> services = queries().services(STACK);
            Map<String, Long> runningTasks = SWARM.client().listTasksCmd().withLabelFilter(Map.of())
                    .withStateFilter(TaskState.RUNNING).exec().stream()
                    .filter(t -> t.getDesiredState() == TaskState.RUNNING)
                    .collect(Collectors.groupingBy(Task::getServiceId, Collectors.counting()));
            return !services.isEmpty() && services.stream().allMatch(s -> s.running() == s.desired()
                    && runningTasks.getOrDefault(s.id(), 0L) == s.desired())
                    && containersOfStack().size() == services.stream().mapToInt(ServiceStatus::desired).sum();
        });
    }

    private List<Container> containersOfStack() {
        return SWARM.client().listContainersCmd().withLabelFilter(Map.of(StackNamespace.LABEL, "berthtest")).exec();
    }

    /** Runs a command in a running container of {@code service}; its stdout without the trailing newline. */
    private String execIn(String service, String... command) throws Exception {
        Container container = SWARM.client().listContainersCmd()
                .withLabelFilter(Map.of("com.docker.swarm.service.name", service)).exec().get(0);
        ExecCreateCmdResponse exec = SWARM.client().execCreateCmd(container.getId()).withCmd(command)
                .withAttachStdout(true).withAttachStderr(true).exec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SWARM.client().execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                out.writeBytes(frame.getPayload());
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        String text = out.toString(StandardCharsets.UTF_8);
        return command[0].equals("cat") ? text : text.strip();
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + PATIENCE.toSeconds() + "s waiting for " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
