package dev.berth.api.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.HealthStatus;
import dev.berth.runtime.fake.FakeProgram;
import dev.berth.runtime.fake.FakeRun;
import dev.berth.runtime.fake.FakeRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each wait strategy, driven by the {@link Waiter}, against containers of the {@link FakeRuntime}. */
class WaiterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock();
    private final FakeRuntime runtime = new FakeRuntime(clock);
    private final Waiter waiter = new Waiter(clock, clock::advance, Duration.ofSeconds(1));

    private void await(FakeTarget target, WaitStrategy strategy) throws InterruptedException {
        waiter.await(List.of(new ServiceWait(target.service(), strategy)), s -> target, TIMEOUT);
    }

    private ServiceNotReadyException failure(FakeTarget target, WaitStrategy strategy) {
        return assertThrows(ServiceNotReadyException.class, () -> await(target, strategy));
    }

    private Duration elapsed(Instant start) {
        return Duration.between(start, clock.instant());
    }

    @Test
    void healthyWaitsUntilTheHealthcheckPasses() throws Exception {
        Instant start = clock.instant();
        FakeTarget db = FakeTarget.start(runtime, "db", FakeProgram.fixed(FakeRun.forever()
                .withHealth(HealthStatus.HEALTHY, Duration.ofSeconds(3))), true);
        await(db, WaitStrategy.healthy());
        assertEquals(Duration.ofSeconds(3), elapsed(start));
    }

    @Test
    void anUnhealthyServiceFailsAtOnceInsteadOfAtTheTimeout() {
        Instant start = clock.instant();
        FakeTarget db = FakeTarget.start(runtime, "db", FakeProgram.fixed(FakeRun.forever()
                .withHealth(HealthStatus.UNHEALTHY, Duration.ofSeconds(2))), true);
        ServiceNotReadyException e = failure(db, WaitStrategy.healthy());
        assertFalse(e.timedOut());
        assertEquals("db", e.service());
        assertTrue(e.getMessage().contains("container p-db-1 is unhealthy"), e.getMessage());
        assertEquals(Duration.ofSeconds(2), elapsed(start));
    }

    @Test
    void waitingForHealthWithoutAHealthcheckSaysWhatToDo() {
        FakeTarget db = FakeTarget.start(runtime, "db", FakeProgram.fixed(FakeRun.forever()), false);
        ServiceNotReadyException e = failure(db, WaitStrategy.healthy());
        assertTrue(e.getMessage().contains("has no healthcheck — add a healthcheck to service db"), e.getMessage());
    }

    @Test
    void aLogMessageMustAppearAsOftenAsAsked() throws Exception {
        FakeTarget web = FakeTarget.start(runtime, "web", FakeProgram.fixed(FakeRun.forever("starting",
                "ready on 8080", "ready on 8443")), false);
        await(web, WaitStrategy.logMessage("ready on \\d+").times(2));
        Instant start = clock.instant();
        ServiceNotReadyException e = failure(web, WaitStrategy.logMessage("ready on \\d+").times(3));
        assertTrue(e.timedOut());
        assertEquals(TIMEOUT, elapsed(start));
        assertTrue(e.getMessage().contains("seen 2 of 3 lines matching /ready on \\d+/"), e.getMessage());
    }

    @Test
    void aContainerThatExitsWithAnErrorFailsTheWait() {
        FakeTarget job = FakeTarget.start(runtime, "job", FakeProgram.fixed(FakeRun.exits(3, "boom")), false);
        ServiceNotReadyException e = failure(job, WaitStrategy.logMessage("never"));
        assertFalse(e.timedOut());
        assertTrue(e.getMessage().contains("container p-job-1 exited with code 3"), e.getMessage());
    }

    @Test
    void aServiceWithoutContainersFails() {
        ServiceNotReadyException e = failure(FakeTarget.empty(runtime, "ghost"), WaitStrategy.running());
        assertTrue(e.getMessage().contains("it has no container"), e.getMessage());
    }

    @Test
    void aCommandIsRetriedUntilItExitsWithZero() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        FakeProgram program = new FakeProgram() {
            @Override
            public FakeRun run(List<String> argv, Map<String, String> env) {
                return FakeRun.forever();
            }

            @Override
            public ExecResult exec(List<String> argv, Map<String, String> env) {
                assertEquals(List.of("pg_isready", "-q"), argv);
                return tries.incrementAndGet() < 3 ? new ExecResult(2, "", "no response") : new ExecResult(0, "", "");
            }
        };
        Instant start = clock.instant();
        await(FakeTarget.start(runtime, "db", program, false), WaitStrategy.command("pg_isready", "-q"));
        assertEquals(3, tries.get());
        assertEquals(Duration.ofSeconds(2), elapsed(start));
    }

    @Test
    void aPortIsReadyWhenItAcceptsConnections() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            FakeTarget web = FakeTarget.start(runtime, "web", FakeProgram.fixed(FakeRun.forever()), false)
                    .publishing(80, server.getLocalPort());
            await(web, WaitStrategy.port(80));
        }
    }

    @Test
    void aClosedPortTimesOutAndAnUnpublishedOneFailsAtOnce() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        FakeTarget web = FakeTarget.start(runtime, "web", FakeProgram.fixed(FakeRun.forever()), false)
                .publishing(80, closed);
        ServiceNotReadyException refused = failure(web, WaitStrategy.port(80));
        assertTrue(refused.timedOut());
        assertTrue(refused.getMessage().contains("127.0.0.1:" + closed + " refuses connections"),
                refused.getMessage());
        ServiceNotReadyException unpublished = failure(web, WaitStrategy.port(5432));
        assertFalse(unpublished.timedOut());
        assertTrue(unpublished.getMessage().contains("port 5432 of service web is not reachable from the host"),
                unpublished.getMessage());
    }

    @Test
    void httpWaitsForTheExpectedStatus() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            int status = requests.incrementAndGet() < 3 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            FakeTarget web = FakeTarget.start(runtime, "web", FakeProgram.fixed(FakeRun.forever()), false)
                    .publishing(8080, server.getAddress().getPort());
            await(web, WaitStrategy.http("/health").forPort(8080).forStatus(204));
            assertEquals(3, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void allOfNeedsEveryStrategyAndSaysWhichIsMissing() {
        FakeTarget web = FakeTarget.start(runtime, "web", FakeProgram.fixed(FakeRun.forever("listening")), true);
        ServiceNotReadyException e = failure(web, WaitStrategy.allOf(WaitStrategy.healthy(),
                WaitStrategy.logMessage("listening"), WaitStrategy.logMessage("migrated")));
        assertTrue(e.getMessage().contains("waiting for healthcheck healthy and log /listening/ and log /migrated/"),
                e.getMessage());
        assertTrue(e.getMessage().contains("seen 0 of 1 lines matching /migrated/"), e.getMessage());
    }

    @Test
    void severalServicesAreWaitedForTogether() throws Exception {
        FakeTarget db = FakeTarget.start(runtime, "db", FakeProgram.fixed(FakeRun.forever()
                .withHealth(HealthStatus.HEALTHY, Duration.ofSeconds(4))), true);
        FakeTarget web = FakeTarget.start(runtime, "web", FakeProgram.fixed(FakeRun.forever("up")), false);
        Instant start = clock.instant();
        waiter.await(List.of(new ServiceWait("db", WaitStrategy.healthy()),
                new ServiceWait("web", WaitStrategy.logMessage("up"))), s -> s.equals("db") ? db : web, TIMEOUT);
        assertEquals(Duration.ofSeconds(4), elapsed(start));
    }

    @Test
    void badArgumentsAreRejectedWhenTheStrategyIsMade() {
        assertThrows(IllegalArgumentException.class, () -> WaitStrategy.http("health"));
        assertThrows(IllegalArgumentException.class, () -> WaitStrategy.logMessage("x").times(0));
        assertThrows(IllegalArgumentException.class, WaitStrategy::command);
    }
}
