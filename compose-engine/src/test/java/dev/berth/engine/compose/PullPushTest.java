package dev.berth.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.engine.pull.PullPolicy;
import dev.berth.model.load.LoadedProject;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeShell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pull, push and pull_policy in up, on the fake runtime's in-memory registry. */
class PullPushTest {
    @TempDir
    Path dir;
    private FakeRuntime runtime;
    private ComposeEngine engine;

    private static final String PROJECT = """
            name: shop
            services:
              web:
                image: 127.0.0.1:5000/shop/web:1
                build: .
                depends_on: [cache]
                command: ["sh", "-c", "sleep infinity"]
              cache:
                image: redis:7
                pull_policy: missing
                command: ["sh", "-c", "sleep infinity"]
              worker:
                image: redis:7
                pull_policy: always
                command: ["sh", "-c", "sleep infinity"]
            """;

    @BeforeEach
    void setUp() {
        runtime = new FakeRuntime(Clock.systemUTC());
        engine = new ComposeEngine(runtime, Clock.systemUTC(),
                ExecutorOptions.defaults().withPollInterval(Duration.ofMillis(5)), "test");
    }

    @Test
    void upPlansPullStepsWithTheirCauseBeforeTheContainersThatNeedThem() throws Exception {
        runtime.addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        runtime.addImage(ImageRef.of("127.0.0.1:5000/shop/web:1"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, PROJECT);
        Outcome dry = engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withDryRun(true), e -> { });
        String plan = dry.plan().render();
        assertTrue(plan.startsWith("#1 PullImage redis:7 for cache, worker: image missing locally\n"), plan);
        assertTrue(plan.contains("CreateContainer shop-cache-1: ") && plan.contains("[after #1"), plan);

        Outcome up = engine.up(loaded, UpRequest.of(PlanOptions.defaults()), e -> { });
        assertTrue(up.succeeded(), up.plan().render());
        assertTrue(runtime.calls().contains("pullImage redis:7"), runtime.calls().toString());

        Outcome again = engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withDryRun(true), e -> { });
        assertEquals("#1 PullImage redis:7 for worker: pull_policy always\n", again.plan().render(),
                "worker's policy is always; cache's image is present now");
        Outcome never = engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withDryRun(true)
                .withPull(PullPolicy.NEVER), e -> { });
        assertTrue(never.plan().isEmpty(), never.plan().render());
    }

    @Test
    void upBuildsWhatItCanBuildAndPullsWhatItCannot() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\n");
        runtime.addImage(ImageRef.of("busybox:latest"), new FakeShell());
        runtime.addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        runtime.addRegistryImage(ImageRef.of("127.0.0.1:5000/shop/web:1"), new FakeShell());
        runtime.addRegistryImage(ImageRef.of("127.0.0.1:5000/shop/api:1"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, """
                name: shop
                services:
                  web:
                    image: 127.0.0.1:5000/shop/web:1
                    build: .
                    command: ["sh", "-c", "sleep infinity"]
                  api:
                    image: 127.0.0.1:5000/shop/api:1
                    build: .
                    pull_policy: build
                    command: ["sh", "-c", "sleep infinity"]
                  cache:
                    image: redis:7
                    command: ["sh", "-c", "sleep infinity"]
                """);
        String plan = engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withDryRun(true), e -> { }).plan().render();
        assertTrue(plan.startsWith("#1 PullImage redis:7 for cache: image missing locally\n"), plan);
        assertTrue(plan.contains("BuildImage 127.0.0.1:5000/shop/api:1 (api): pull_policy: build"), plan);
        assertTrue(plan.contains("BuildImage 127.0.0.1:5000/shop/web:1 (web): image 127.0.0.1:5000/shop/web:1 is"
                + " missing"), plan);
        assertFalse(plan.contains("PullImage 127.0.0.1:5000"), "images of services with a build section are built, not"
                + " pulled: " + plan);

        Outcome up = engine.up(loaded, UpRequest.of(PlanOptions.defaults()), e -> { });
        assertTrue(up.succeeded(), up.plan().render());
        List<String> transfers = runtime.calls().stream()
                .filter(c -> c.startsWith("pullImage ") || c.startsWith("build ")).toList();
        assertEquals(3, transfers.size(), transfers.toString());
        assertEquals("pullImage redis:7", transfers.get(0), "pulls come before builds: " + transfers);
        assertEquals(3, runtime.list(dev.berth.runtime.LabelSelector.all()).size());
    }

    @Test
    void anImageThatAnotherServiceBuildsIsBuiltNotPulled() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\n");
        runtime.addImage(ImageRef.of("busybox:latest"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, """
                name: shared
                services:
                  worker:
                    image: shared/worker:latest
                    build: .
                    command: ["sh", "-c", "sleep infinity"]
                  data:
                    image: shared/worker:latest
                    command: ["sh", "-c", "sleep infinity"]
                """);
        String plan = engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withDryRun(true), e -> { }).plan().render();
        assertFalse(plan.contains("PullImage"), "data names the image worker builds: " + plan);
        assertTrue(plan.contains("BuildImage shared/worker:latest (data, worker)"), plan);
        Outcome up = engine.up(loaded, UpRequest.of(PlanOptions.defaults()), e -> { });
        assertTrue(up.succeeded(), up.plan().render());
    }

    @Test
    void upWithPullAlwaysRecreatesContainersWhoseImageChangedInTheRegistry() throws Exception {
        runtime.addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        runtime.addImage(ImageRef.of("127.0.0.1:5000/shop/web:1"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, PROJECT);
        assertTrue(engine.up(loaded, UpRequest.of(PlanOptions.defaults()), e -> { }).succeeded());
        runtime.addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        runtime.pushImage(ImageRef.of("127.0.0.1:5000/shop/web:1"), e -> { });
        Outcome up = engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withPull(PullPolicy.ALWAYS), e -> { });
        String plan = up.plan().render();
        assertTrue(up.succeeded(), plan);
        assertTrue(plan.contains("CreateContainer") && plan.contains("shop-cache-1"), plan);
        assertTrue(plan.contains("image changed"), plan);
    }

    @Test
    void pullPullsEveryImageOnceAndReportsFailuresWithoutStoppingTheOthers() {
        runtime.addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, PROJECT);
        List<EngineEvent> events = new java.util.ArrayList<>();
        Outcome outcome = engine.pull(loaded, new PullRequest(Set.of(), false, Optional.empty(), false), events::add);
        assertEquals("""
                #1 PullImage 127.0.0.1:5000/shop/web:1 for web: pull_policy always
                #2 PullImage redis:7 for cache, worker: pull_policy always
                """, outcome.plan().render());
        assertFalse(outcome.succeeded(), "web's image is not in the registry");
        assertEquals(1, outcome.execution().orElseThrow().failures().size());
        assertTrue(runtime.calls().contains("pullImage redis:7"), "the other pull still ran");

        Outcome missing = engine.pull(loaded, new PullRequest(Set.of("cache"), false, Optional.of(PullPolicy.MISSING),
                true), e -> { });
        assertTrue(missing.plan().isEmpty(), "cache's image is present now: " + missing.plan().render());
        Outcome withDeps = engine.pull(loaded, new PullRequest(Set.of("web"), true, Optional.empty(), true), e -> { });
        assertEquals("""
                #1 PullImage 127.0.0.1:5000/shop/web:1 for web: pull_policy always
                #2 PullImage redis:7 for cache: pull_policy always
                """, withDeps.plan().render(), "--include-deps brings cache, not worker");
    }

    @Test
    void pushPushesBuiltImagesToTheirRegistry() {
        runtime.addImage(ImageRef.of("127.0.0.1:5000/shop/web:1"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, PROJECT);
        Outcome outcome = engine.push(loaded, Set.of(), false, e -> { });
        assertTrue(outcome.succeeded(), outcome.plan().render());
        assertEquals("#1 PushImage 127.0.0.1:5000/shop/web:1 for web: berth push\n", outcome.plan().render());
        assertTrue(runtime.registryImage(ImageRef.of("127.0.0.1:5000/shop/web:1")).isPresent());
    }

    @Test
    void aPeriodicPolicyPullsAgainOnlyWhenTheLastPullIsOlderThanItsInterval() throws Exception {
        runtime.addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, """
                name: periodic
                services:
                  cache:
                    image: redis:7
                    pull_policy: every_2h
                    command: ["sh", "-c", "sleep infinity"]
                """);
        assertTrue(engine.up(loaded, UpRequest.of(PlanOptions.defaults()), e -> { }).succeeded());
        assertTrue(engine.up(loaded, UpRequest.of(PlanOptions.defaults()).withDryRun(true), e -> { }).plan().isEmpty(),
                "pulled just now");
        ComposeEngine later = new ComposeEngine(runtime, Clock.offset(Clock.systemUTC(), Duration.ofHours(3)),
                ExecutorOptions.defaults(), "test");
        assertEquals("#1 PullImage redis:7 for cache: pull_policy every 2h, last pulled 3h ago\n",
                later.up(loaded, UpRequest.of(PlanOptions.defaults()).withDryRun(true), e -> { }).plan().render());
    }
}
