package dev.berth.engine.plan;

import static dev.berth.engine.plan.Fixtures.container;
import static dev.berth.engine.plan.Fixtures.orphan;
import static dev.berth.engine.plan.Fixtures.project;
import static dev.berth.engine.plan.Fixtures.service;
import static dev.berth.engine.plan.Fixtures.snapshot;
import static dev.berth.engine.plan.Fixtures.upToDate;
import static dev.berth.engine.plan.Fixtures.volume;
import static dev.berth.engine.plan.Fixtures.withMounts;

import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.observed.ObservedSnapshot;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.Mount;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The planner scenarios of the golden tests; each returns the plan to render. */
final class Scenarios {
  private Scenarios() {}

  /** web needs a healthy db; db keeps its data in a named volume. */
  static DesiredProject webAndDb(String webHash, String dbHash) {
    DesiredService db = withMounts(service("db", dbHash), Mount.Volume.named("demo_data", "/var/lib/db"));
    return project(List.of(volume("data")), db, service("web", webHash, Dependency.healthy("db")));
  }

  static Plan freshUp() {
    DesiredProject p = webAndDb("web-1", "db-1");
    return Planner.plan(p, ObservedSnapshot.empty("demo"), PlanOptions.defaults());
  }

  static Plan noOpUp() {
    DesiredProject p = webAndDb("web-1", "db-1");
    return Planner.plan(p, upToDate(p), PlanOptions.defaults());
  }

  static Plan environmentChange() {
    ObservedSnapshot before = upToDate(webAndDb("web-1", "db-1"));
    return Planner.plan(webAndDb("web-2", "db-1"), before, PlanOptions.defaults());
  }

  static Plan rebuiltImage() {
    DesiredProject p = webAndDb("web-1", "db-1");
    DesiredService web = p.service("web").orElseThrow().withImageDigest("sha256:web-v2");
    DesiredProject rebuilt = new DesiredProject("demo", List.of(p.service("db").orElseThrow(), web), p.networks(),
        p.volumes());
    return Planner.plan(rebuilt, upToDate(p), PlanOptions.defaults());
  }

  static Plan scale(int from, int to) {
    DesiredService web = service("web", "web-1");
    ObservedSnapshot before = upToDate(project(web.withReplicas(from)));
    return Planner.plan(project(web.withReplicas(to)), before, PlanOptions.defaults());
  }

  static Plan orphans(boolean remove) {
    DesiredProject p = project(service("web", "web-1"));
    List<ContainerSummary> containers = new ArrayList<>(upToDate(p).containers());
    containers.add(orphan("worker", 1));
    return Planner.plan(p, snapshot(p, containers), PlanOptions.defaults().withRemoveOrphans(remove));
  }

  /** debug is defined but its profile is not active: its running container is neither touched nor an orphan. */
  static Plan disabledProfileServiceIsNotAnOrphan() {
    DesiredProject p = project(service("web", "web-1"));
    List<ContainerSummary> containers = new ArrayList<>(upToDate(p).containers());
    containers.add(orphan("debug", 1));
    containers.add(orphan("worker", 1));
    DesiredProject withProfiles = new DesiredProject("demo", p.services(), p.networks(), p.volumes(),
        Set.of("debug"));
    return Planner.plan(withProfiles, snapshot(p, containers), PlanOptions.defaults());
  }

  static Plan networkDrift() {
    DesiredProject before = project(service("db", "db-1"), service("web", "web-1", Dependency.started("db")));
    DesiredProject after = new DesiredProject("demo", before.services(),
        List.of(Fixtures.defaultNetwork("net-2")), List.of());
    return Planner.plan(after, upToDate(before), PlanOptions.defaults());
  }

  static Plan restartOnDependencyRecreate() {
    DesiredProject before = project(service("db", "db-1"),
        service("web", "web-1", Dependency.healthy("db").withRestart(true)));
    DesiredProject after = project(service("db", "db-2"),
        service("web", "web-1", Dependency.healthy("db").withRestart(true)));
    return Planner.plan(after, upToDate(before), PlanOptions.defaults());
  }

  /** init -> migrate -> app, each waiting for the previous one to complete successfully. */
  static DesiredProject chain() {
    return project(service("init", "i-1"), service("migrate", "m-1", Dependency.completed("init")),
        service("app", "a-1", Dependency.completed("migrate")));
  }

  static Plan completedSuccessfullyChain() {
    return Planner.plan(chain(), ObservedSnapshot.empty("demo"), PlanOptions.defaults());
  }

  static Plan noDeps() {
    ObservedSnapshot before = upToDate(webAndDb("web-1", "db-1"));
    return Planner.plan(webAndDb("web-2", "db-2"), before,
        PlanOptions.defaults().withServices(Set.of("web")).withNoDeps(true));
  }

  static Plan targetedWithDependencies() {
    ObservedSnapshot before = upToDate(webAndDb("web-1", "db-1"));
    return Planner.plan(webAndDb("web-1", "db-1"), before,
        PlanOptions.defaults().withServices(Set.of("web")).withForceRecreate(true));
  }

  static Plan alwaysRecreateDeps() {
    ObservedSnapshot before = upToDate(webAndDb("web-1", "db-1"));
    return Planner.plan(webAndDb("web-1", "db-1"), before,
        PlanOptions.defaults().withServices(Set.of("web")).withAlwaysRecreateDeps(true));
  }

  static Plan noRecreate() {
    ObservedSnapshot before = upToDate(webAndDb("web-1", "db-1"));
    return Planner.plan(webAndDb("web-2", "db-2"), before, PlanOptions.defaults().withNoRecreate(true));
  }

  static DesiredProject cache(String hash) {
    return project(withMounts(service("cache", hash), Mount.Volume.anonymous("/data")));
  }

  static Plan anonymousVolumes(boolean renew) {
    return Planner.plan(cache("c-2"), upToDate(cache("c-1")),
        PlanOptions.defaults().withRenewAnonVolumes(renew));
  }

  static Plan exitedContainerIsStarted() {
    DesiredProject p = project(service("web", "web-1"));
    ObservedSnapshot s = snapshot(p, List.of(container(p.service("web").orElseThrow(), 1,
        ContainerStatus.EXITED)));
    return Planner.plan(p, s, PlanOptions.defaults());
  }

  /** web -> api -> db, plus a volume. */
  static DesiredProject threeTier() {
    return project(List.of(volume("data")), service("db", "d-1"), service("api", "a-1", Dependency.started("db")),
        service("web", "w-1", Dependency.started("api")));
  }

  static Plan down(DownOptions options) {
    DesiredProject p = threeTier();
    List<ContainerSummary> containers = new ArrayList<>(upToDate(p).containers());
    containers.add(orphan("worker", 1));
    return Planner.planDown(p, snapshot(p, containers), options);
  }

  static Plan downNothing() {
    return Planner.planDown(threeTier(), ObservedSnapshot.empty("demo"), DownOptions.defaults());
  }

}
