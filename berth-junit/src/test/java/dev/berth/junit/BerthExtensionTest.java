package dev.berth.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.berth.api.BerthStack;
import dev.berth.api.RunningStack;
import dev.berth.api.Teardown;
import dev.berth.api.wait.WaitStrategy;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeRuntimeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension, run on sample test classes through the JUnit test kit with the fake runtime: injection, per-class
 * and per-method stacks, logs saved per service, teardown after success, a failed stack kept on request, and the
 * annotation.
 */
class BerthExtensionTest {
    static final FakeRuntime RUNTIME = (FakeRuntime) new FakeRuntimeProvider().open();
    static final List<String> PROJECTS = new CopyOnWriteArrayList<>();
    static final String FILE = "src/test/resources/fake-web.yaml";

    @TempDir
    Path logs;

    private String previousLogsDir;

    @BeforeEach
    void logsToTempDir() {
        previousLogsDir = System.getProperty(BerthExtension.LOGS_DIR_PROPERTY);
        System.setProperty(BerthExtension.LOGS_DIR_PROPERTY, logs.toString());
        PROJECTS.clear();
    }

    @AfterEach
    void restoreLogsDir() {
        if (previousLogsDir == null) {
            System.clearProperty(BerthExtension.LOGS_DIR_PROPERTY);
        } else {
            System.setProperty(BerthExtension.LOGS_DIR_PROPERTY, previousLogsDir);
        }
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    private static List<String> containers(String project) {
        return RUNTIME.list(LabelSelector.of("com.docker.compose.project", project)).stream()
                .map(c -> c.name()).toList();
    }

    @Test
    void aPerClassStackIsInjectedSharedSavedAndTakenDown() throws Exception {
        run(PerClass.class).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        assertEquals(2, PROJECTS.size());
        assertEquals(PROJECTS.get(0), PROJECTS.get(1), "one stack for the class");
        assertEquals("web listening\n", Files.readString(logs.resolve("PerClass/web.log")));
        assertEquals(List.of(), containers(PROJECTS.get(0)));
        assertEquals(List.of(), RUNTIME.listVolumes(LabelSelector.of("com.docker.compose.project", PROJECTS.get(0))),
                "volumes are removed by default");
    }

    @Test
    void aPerMethodStackIsNewForEachTest() throws Exception {
        run(PerMethod.class).testEvents().assertStatistics(s -> s.succeeded(3).failed(0));
        assertEquals(2, PROJECTS.size());
        assertNotEquals(PROJECTS.get(0), PROJECTS.get(1));
        assertTrue(Files.exists(logs.resolve("PerMethod.first/web.log")));
        assertTrue(Files.exists(logs.resolve("PerMethod.second/web.log")));
        PROJECTS.forEach(p -> assertEquals(List.of(), containers(p)));
    }

    @Test
    void aFailedTestKeepsItsStackWhenAskedAndSaysHowToReachIt() throws Exception {
        Events events = run(KeptOnFailure.class).allEvents();
        events.assertStatistics(s -> s.failed(1));
        String project = PROJECTS.get(0);
        assertEquals(List.of(project + "-web-1"), containers(project));
        assertTrue(events.reportingEntryPublished().stream().anyMatch(e -> e.getPayload(
                org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow().getKeyValuePairs().get("berth")
                .startsWith("kept project " + project + " after the failure")));
        assertTrue(Files.exists(logs.resolve("KeptOnFailure/web.log")), "logs are saved even when kept");
    }

    @Test
    void theAnnotationDescribesTheStack() throws Exception {
        run(Annotated.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertTrue(PROJECTS.get(0).matches("annotated-[0-9a-f]{8}"), PROJECTS.get(0));
        assertTrue(Files.exists(logs.resolve("Annotated/web.log")));
    }

    @Test
    void aStackThatDoesNotStartFailsTheClassWithItsReason() {
        Events events = run(NeverReady.class).containerEvents();
        events.assertStatistics(s -> s.failed(1));
        Throwable failure = events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                .orElseThrow();
        assertTrue(failure.getMessage().contains("service web was not ready after 1s waiting for log /never/"),
                failure.getMessage());
        assertTrue(Files.exists(logs.resolve("NeverReady/web.log")));
    }

    static BerthStack fakeStack() {
        return BerthStack.fromFile(Path.of(FILE)).runtime(() -> RUNTIME)
                .waitFor("web", WaitStrategy.logMessage("listening"));
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {
        @RegisterExtension
        static final BerthExtension STACK = BerthExtension.of(fakeStack());

        @Test
        @Order(1)
        void first(RunningStack stack) {
            PROJECTS.add(stack.projectName());
            assertEquals("hi\n", stack.service("web").exec("sh", "-c", "echo hi").stdout());
        }

        @Test
        @Order(2)
        void second(RunningStack stack) {
            PROJECTS.add(stack.projectName());
        }

        @Test
        @Order(3)
        void third(RunningStack stack) {
            assertEquals(List.of(stack.projectName() + "-web-1"), containers(stack.projectName()));
        }
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class PerMethod {
        @RegisterExtension
        final BerthExtension stack = BerthExtension.of(fakeStack()).perMethod();

        @Test
        void first(RunningStack stack) {
            PROJECTS.add(stack.projectName());
        }

        @Test
        void second(RunningStack stack) {
            PROJECTS.add(stack.projectName());
        }

        @Test
        void third(RunningStack stack) {
            assertEquals(1, containers(stack.projectName()).size());
        }
    }

    static class KeptOnFailure {
        @RegisterExtension
        static final BerthExtension STACK = BerthExtension.of(fakeStack()
                .teardown(Teardown.downWithVolumes().withKeepOnFailure(true)));

        @Test
        void fails(RunningStack stack) {
            PROJECTS.add(stack.projectName());
            assertEquals("something else", stack.service("web").logs());
        }
    }

    @ComposeStack(file = FILE, runtime = "fake", waitFor = @WaitFor(service = "web", log = "listening"))
    static class Annotated {
        @Test
        void injected(RunningStack stack) {
            PROJECTS.add(stack.projectName());
            assertEquals("web listening\n", stack.service("web").logs());
        }

        @Test
        void sameStack(RunningStack stack) {
            assertEquals(1, stack.service("web").containers().size());
        }
    }

    static class NeverReady {
        @RegisterExtension
        static final BerthExtension STACK = BerthExtension.of(BerthStack.fromFile(Path.of(FILE))
                .runtime(() -> RUNTIME).waitFor("web", WaitStrategy.logMessage("never"))
                .startupTimeout(java.time.Duration.ofSeconds(1)));

        @Test
        void neverRuns() {
            throw new AssertionError("the stack never started");
        }
    }
}
