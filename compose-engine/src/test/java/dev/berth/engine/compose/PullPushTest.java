package dev.berth.engine.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.execute.ExecutorOptions;
import dev.berth.engine.execute.RegistryLogins;
import dev.berth.engine.plan.PlanOptions;
import dev.berth.engine.pull.PullPolicy;
import dev.berth.model.load.LoadedProject;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.BuildEvent;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.DelegatingContainerRuntime;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.PullEvent;
import dev.berth.runtime.PushEvent;
import dev.berth.runtime.RegistryCredentials;
import dev.berth.runtime.fake.FakeRuntime;
import dev.berth.runtime.fake.FakeShell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
    void pullsAndPushesCarryTheClientsLoginForTheImagesRegistry() {
        RegistryCredentials login = RegistryCredentials.of("shop", "s3cret");
        runtime.requireCredentials("127.0.0.1:5000", login);
        runtime.addRegistryImage(ImageRef.of("127.0.0.1:5000/shop/web:1"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, PROJECT);
        PullRequest web = new PullRequest(Set.of("web"), false, Optional.empty(), false);

        Outcome anonymous = engine.pull(loaded, web, e -> { });
        assertFalse(anonymous.succeeded(), "the registry refuses calls without the login");
        assertTrue(anonymous.execution().orElseThrow().failures().get(0).message().contains("berth login 127.0.0.1:5000"),
                anonymous.execution().orElseThrow().failures().toString());

        ComposeEngine loggedIn = new ComposeEngine(runtime, Clock.systemUTC(), ExecutorOptions.defaults()
                .withLogins(image -> image.parse().registry().equals("127.0.0.1:5000") ? Optional.of(login)
                        : Optional.empty()), "test");
        assertTrue(loggedIn.pull(loaded, web, e -> { }).succeeded(), "the pull sends the login");
        assertTrue(loggedIn.push(loaded, Set.of("web"), false, e -> { }).succeeded(), "the push sends it too");
    }

    @Test
    void pullAndPushProgressArrivesAsEventsOfTheirSteps() {
        runtime.addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        runtime.addImage(ImageRef.of("127.0.0.1:5000/shop/web:1"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, PROJECT);
        List<EngineEvent> events = new java.util.ArrayList<>();
        engine.pull(loaded, new PullRequest(Set.of("cache"), false, Optional.empty(), false), events::add);
        List<PullEvent.Status> pulled = events.stream().filter(e -> e instanceof EngineEvent.PullProgress)
                .map(e -> ((EngineEvent.PullProgress) e).event().status()).toList();
        assertEquals(List.of(PullEvent.Status.DOWNLOADED, PullEvent.Status.PULLED), pulled);
        int progress = indexOf(events, EngineEvent.PullProgress.class);
        assertTrue(indexOf(events, EngineEvent.StepStarted.class) < progress
                && progress < indexOf(events, EngineEvent.StepSucceeded.class), "inside the step: " + events);

        events.clear();
        engine.push(loaded, Set.of("web"), false, events::add);
        assertTrue(events.stream().anyMatch(e -> e instanceof EngineEvent.PushProgress p
                && p.event().status() == PushEvent.Status.PUSHED && p.step().id() == 1), events.toString());
    }

    private static int indexOf(List<EngineEvent> events, Class<? extends EngineEvent> kind) {
        for (int i = 0; i < events.size(); i++) {
            if (kind.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void buildsCarryEveryLoginOfTheClientForTheImagesTheirDockerfileNames() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\n");
        runtime.addImage(ImageRef.of("busybox:latest"), new FakeShell());
        BuildCredentials all = new BuildCredentials(Map.of("127.0.0.1:5000", RegistryCredentials.of("shop", "pw")));
        List<BuildCredentials> sent = new CopyOnWriteArrayList<>();
        ContainerRuntime recording = new DelegatingContainerRuntime(runtime) {
            @Override
            public ImageRef build(BuildSpec spec, BuildCredentials credentials, Consumer<BuildEvent> progress) {
                sent.add(credentials);
                return super.build(spec, credentials, progress);
            }
        };
        RegistryLogins logins = new RegistryLogins() {
            @Override
            public Optional<RegistryCredentials> forImage(ImageRef image) {
                return all.forImage(image);
            }

            @Override
            public BuildCredentials forBuilds() {
                return all;
            }
        };
        ComposeEngine loggedIn = new ComposeEngine(recording, Clock.systemUTC(),
                ExecutorOptions.defaults().withLogins(logins), "test");
        LoadedProject loaded = Projects.load(dir, "name: shop\nservices:\n  web:\n    build: .\n");

        Outcome outcome = loggedIn.build(loaded, new BuildRequest(Set.of(), false, BuildOverrides.none(), false,
                false), e -> { });

        assertTrue(outcome.succeeded(), outcome.plan().render());
        assertEquals(List.of(all), sent);
    }

    @Test
    void buildWithPushPushesEachBuiltImageThatHasAnImageNameAfterItsBuild() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\n");
        runtime.addImage(ImageRef.of("busybox:latest"), new FakeShell());
        LoadedProject loaded = Projects.load(dir, """
                name: shop
                services:
                  web:
                    image: 127.0.0.1:5000/shop/web:2
                    build: .
                  local:
                    build: .
                  cache:
                    image: redis:7
                """);
        BuildRequest request = new BuildRequest(Set.of(), false, BuildOverrides.none(), true, true);
        String plan = engine.build(loaded, request, e -> { }).plan().render();
        assertTrue(plan.contains("BuildImage shop-local (local): "), plan);
        assertTrue(plan.matches("(?s).*#(\\d) BuildImage 127.0.0.1:5000/shop/web:2 \\(web\\).*"
                + "#3 PushImage 127.0.0.1:5000/shop/web:2 for web: build --push \\[after #\\1].*"), plan);
        assertFalse(plan.contains("PushImage shop-local") || plan.contains("PushImage redis"),
                "only built images with an image: name are pushed: " + plan);

        Outcome outcome = engine.build(loaded, new BuildRequest(Set.of(), false, BuildOverrides.none(), true, false),
                e -> { });
        assertTrue(outcome.succeeded(), outcome.plan().render());
        assertEquals(runtime.inspectImage(ImageRef.of("127.0.0.1:5000/shop/web:2")).id(),
                runtime.registryImage(ImageRef.of("127.0.0.1:5000/shop/web:2")).orElseThrow(),
                "the registry has the image just built");
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
