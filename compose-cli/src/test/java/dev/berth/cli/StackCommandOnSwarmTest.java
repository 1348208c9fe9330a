package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.swarm.testing.TestSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth stack deploy|ls|services|ps|rm} against a real single-node swarm, one deploy. */
class StackCommandOnSwarmTest {
    @RegisterExtension
    static final TestSwarm SWARM = new TestSwarm();

    private static final String STACK = "clistack";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @AfterEach
    void removeLeftovers() {
        stack("rm", STACK);
    }

    @Test
    void deployListInspectAndRemoveAStack() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    image: %s
                    command: ["httpd", "-f", "-p", "8080"]
                    stop_grace_period: 1s
                    networks: [back]
                    deploy:
                      replicas: 2
                  worker:
                    image: %s
                    command: ["sleep", "3600"]
                    stop_grace_period: 1s
                    networks: [back]
                    container_name: ignored-by-swarm
                networks:
                  back:
                    driver: overlay
                """.formatted(SWARM.image(), SWARM.image()));

        Cli.Result deploy = stack("deploy", "-c", dir.resolve("compose.yaml").toString(), STACK);
        assertEquals(0, deploy.code(), deploy.err());
        assertEquals("""
                Creating network clistack_back
                Creating service clistack_web
                Creating service clistack_worker
                """, deploy.out());
        assertTrue(deploy.err().contains("Ignoring unsupported options: container_name\n"), deploy.err());

        Cli.Result ls = stack("ls");
        assertEquals(0, ls.code(), ls.err());
        assertEquals("NAME       SERVICES\nclistack   2\n", ls.out());

        await("both services to run their replicas", () -> {
            String out = stack("services", STACK).out();
            return out.contains(" 2/2 ") && out.contains(" 1/1 ");
        });
        List<String> services = stack("services", STACK).out().lines().toList();
        assertEquals(List.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"), columns(services.get(0)));
        assertEquals(List.of("clistack_web", "replicated", "2/2", SWARM.image()),
                columns(services.get(1)).subList(1, 5));
        assertEquals(List.of("clistack_worker", "replicated", "1/1", SWARM.image()),
                columns(services.get(2)).subList(1, 5));
        assertEquals(2, stack("services", "-q", STACK).out().lines().count());

        List<String> tasks = stack("ps", STACK).out().lines().toList();
        assertEquals("ID NAME IMAGE NODE DESIRED STATE CURRENT STATE ERROR",
                String.join(" ", columns(tasks.get(0))));
        assertEquals(List.of("clistack_web.1", "clistack_web.2", "clistack_worker.1"),
                tasks.stream().skip(1).map(l -> columns(l).get(1)).sorted().toList());
        assertTrue(tasks.stream().skip(1).allMatch(l -> l.contains(" Running ")), String.join("\n", tasks));
        assertEquals(3, stack("ps", "-q", STACK).out().lines().count());

        Cli.Result rm = stack("rm", STACK);
        assertEquals(0, rm.code(), rm.err());
        assertEquals("""
                Removing service clistack_web
                Removing service clistack_worker
                Removing network clistack_back
                """, rm.out());
        assertEquals("NAME   SERVICES\n", stack("ls").out());
        Cli.Result gone = stack("services", STACK);
        assertEquals("", gone.out());
        assertTrue(gone.err().contains("Nothing found in stack: clistack"), gone.err());
        await("the stack's networks and containers to go", () ->
                SWARM.client().listNetworksCmd().withFilter("label",
                        List.of("com.docker.stack.namespace=" + STACK)).exec().isEmpty()
                && SWARM.client().listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of("com.docker.stack.namespace", STACK)).exec().isEmpty());
        Cli.Result again = stack("rm", STACK);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("Nothing found in stack: clistack"), again.err());
    }

    private static Cli.Result stack(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "stack";
        all[1] = "--host";
        all[2] = "unix://" + TestSwarm.SOCKET;
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.raw(all);
    }

    private static List<String> columns(String tableLine) {
        return List.of(tableLine.trim().split("\\s{2,}"));
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
