package dev.berth.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.api.BerthStack;
import dev.berth.api.RunningStack;
import dev.berth.api.wait.WaitStrategy;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.HealthStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension brings a two-service stack up on the embedded engine, in this JVM (root and runc; skipped
 * otherwise): it waits for the database's healthcheck and for the web server's log line and HTTP answer, the tests
 * talk to the web server on the project's bridge network over its published (ephemeral) port on 127.0.0.1 and exec
 * in the database, and the teardown leaves no container, mount, bridge, network namespace, iptables rule or port
 * proxy (checked by {@link EmbeddedEngineHost} after the stack is down).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStackExtensionTest {
    @RegisterExtension
    @Order(1)
    static final EmbeddedEngineHost HOST = new EmbeddedEngineHost();

    @RegisterExtension
    @Order(2)
    static final BerthExtension STACK = BerthExtension.of(BerthStack
            .fromFile(Path.of("src/test/resources/web-and-db.yaml"))
            .runtime(HOST::open)
            .waitFor("db", WaitStrategy.healthy())
            .waitFor("web", WaitStrategy.allOf(WaitStrategy.logMessage("web listening on 8080"),
                    WaitStrategy.http("/index.html").forPort(8080))));

    @Test
    @Order(1)
    void theWebServerAnswersOnItsPublishedPort(RunningStack stack) throws Exception {
        int port = stack.service("web").port(8080);
        assertTrue(port > 0 && port != 8080, "an ephemeral host port: " + port);
        assertEquals(List.of(stack.projectName() + "_default"), stack.service("web").containers().get(0).networks(),
                "the web server is on the project's bridge network");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + stack.service("web").host() + ":" + port + "/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("hello from berth\n", response.body());
    }

    @Test
    @Order(2)
    void theDatabaseIsHealthyAndExecRunsInIt(RunningStack stack) {
        assertTrue(stack.projectName().startsWith("berth-"), stack.projectName());
        assertEquals(HealthStatus.HEALTHY, stack.service("db").containers().get(0).state().health());
        ExecResult answer = stack.service("db").exec("sh", "-c", "cat /tmp/answer; hostname >&2; exit 3");
        assertEquals(3, answer.exitCode());
        assertEquals("42\n", answer.stdout());
        assertTrue(stack.service("db").logs().contains("db ready\n"), stack.service("db").logs());
    }

    @Test
    @Order(3)
    void everyContainerCarriesTheOwnerLabel(RunningStack stack) {
        String pid = Long.toString(ProcessHandle.current().pid());
        for (String service : stack.services()) {
            assertEquals(pid, stack.service(service).containers().get(0).label("dev.berth.junit.owner"), service);
        }
    }
}
