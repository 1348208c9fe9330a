package dev.berth.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: each planner scenario (see {@link Scenarios}) must render exactly as below. The planner is pure, so
 * no runtime takes part.
 */
class PlannerGoldenTest {

  @Test
  void freshUpCreatesNetworksVolumesThenServicesInDependencyOrder() {
    assertEquals("""
        #1 CreateNetwork demo_default: not found
        #2 CreateVolume demo_data: not found
        #3 CreateContainer demo-db-1: not found [after #1, #2]
        #4 StartContainer demo-db-1: not found [after #3]
        #5 CreateContainer demo-web-1: not found [after #1, #3]
        #6 AwaitService db service_healthy: web depends on db [after #4]
        #7 StartContainer demo-web-1: not found [after #5, #6]
        """, Scenarios.freshUp().render());
  }

  @Test
  void noOpUpIsAnEmptyPlan() {
    assertEquals("""
        (nothing to do)
        """, Scenarios.noOpUp().render());
  }

  @Test
  void environmentChangeRecreatesExactlyThatService() {
    assertEquals("""
        #1 CreateContainer 77fa8d733c49_demo-web-1: config hash changed (web-1 -> web-2) {recreate:web:1}
        #2 StopContainer demo-web-1 (timeout 10s): config hash changed (web-1 -> web-2) [after #1] {recreate:web:1}
        #3 RemoveContainer demo-web-1: config hash changed (web-1 -> web-2) [after #2] {recreate:web:1}
        #4 RenameContainer 77fa8d733c49_demo-web-1 -> demo-web-1: config hash changed (web-1 -> web-2) [after #3] {recreate:web:1}
        #5 AwaitService db service_healthy: web depends on db
        #6 StartContainer demo-web-1: config hash changed (web-1 -> web-2) [after #4, #5]
        """, Scenarios.environmentChange().render());
  }

  @Test
  void rebuiltImageRecreates() {
    assertEquals("""
        #1 CreateContainer 77fa8d733c49_demo-web-1: image changed (web-v1 -> web-v2) {recreate:web:1}
        #2 StopContainer demo-web-1 (timeout 10s): image changed (web-v1 -> web-v2) [after #1] {recreate:web:1}
        #3 RemoveContainer demo-web-1: image changed (web-v1 -> web-v2) [after #2] {recreate:web:1}
        #4 RenameContainer 77fa8d733c49_demo-web-1 -> demo-web-1: image changed (web-v1 -> web-v2) [after #3] {recreate:web:1}
        #5 AwaitService db service_healthy: web depends on db
        #6 StartContainer demo-web-1: image changed (web-v1 -> web-v2) [after #4, #5]
        """, Scenarios.rebuiltImage().render());
  }

  @Test
  void scaleThreeToOneRemovesHighestNumbersFirst() {
    assertEquals("""
        #1 StopContainer demo-web-3 (timeout 10s): scale down
        #2 RemoveContainer demo-web-3: scale down [after #1]
        #3 StopContainer demo-web-2 (timeout 10s): scale down
        #4 RemoveContainer demo-web-2: scale down [after #3]
        """, Scenarios.scale(3, 1).render());
  }

  @Test
  void scaleOneToThreeAddsNextNumbers() {
    assertEquals("""
        #1 CreateContainer demo-web-2: scale up
        #2 StartContainer demo-web-2: scale up [after #1]
        #3 CreateContainer demo-web-3: scale up
        #4 StartContainer demo-web-3: scale up [after #3]
        """, Scenarios.scale(1, 3).render());
  }

  @Test
  void orphansOnlyWarnWithoutRemoveOrphans() {
    assertEquals("""
        warning: Found orphan containers (demo-worker-1) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.
        (nothing to do)
        """, Scenarios.orphans(false).render());
  }

  @Test
  void orphansAreRemovedWithRemoveOrphans() {
    assertEquals("""
        #1 StopContainer demo-worker-1 (timeout 10s): orphan (service worker is not defined)
        #2 RemoveContainer demo-worker-1: orphan (service worker is not defined) [after #1]
        """, Scenarios.orphans(true).render());
  }

  @Test
  void servicesOfInactiveProfilesAreNotOrphans() {
    assertEquals("""
        warning: Found orphan containers (demo-worker-1) for this project. If you removed or renamed this service \
        in your compose file, you can run this command with the --remove-orphans flag to clean it up.
        (nothing to do)
        """, Scenarios.disabledProfileServiceIsNotAnOrphan().render());
  }

  @Test
  void networkConfigDriftRecreatesTheNetworkAndKeepsContainers() {
    assertEquals("""
        #1 StopContainer demo-db-1 (timeout 10s): network demo_default is recreated {recreate-network:default}
        #2 DisconnectNetwork demo-db-1 from demo_default: network demo_default is recreated [after #1] {recreate-network:default}
        #3 StopContainer demo-web-1 (timeout 10s): network demo_default is recreated {recreate-network:default}
        #4 DisconnectNetwork demo-web-1 from demo_default: network demo_default is recreated [after #3] {recreate-network:default}
        #5 RemoveNetwork demo_default: config hash changed (net-1 -> net-2) [after #2, #4] {recreate-network:default}
        #6 CreateNetwork demo_default: config hash changed (net-1 -> net-2) [after #5] {recreate-network:default}
        #7 ConnectNetwork demo-db-1 to demo_default: network demo_default was recreated [after #6] {recreate-network:default}
        #8 ConnectNetwork demo-web-1 to demo_default: network demo_default was recreated [after #6] {recreate-network:default}
        #9 StartContainer demo-db-1: network demo_default is recreated [after #7]
        #10 StartContainer demo-web-1: network demo_default is recreated [after #8, #9]
        """, Scenarios.networkDrift().render());
  }

  @Test
  void dependentsWithRestartTrueAreStoppedAndRestartedAroundARecreate() {
    assertEquals("""
        #1 StopContainer demo-web-1 (timeout 10s): dependency db is recreated
        #2 CreateContainer bb18fddd03e5_demo-db-1: config hash changed (db-1 -> db-2) [after #1] {recreate:db:1}
        #3 StopContainer demo-db-1 (timeout 10s): config hash changed (db-1 -> db-2) [after #2] {recreate:db:1}
        #4 RemoveContainer demo-db-1: config hash changed (db-1 -> db-2) [after #3] {recreate:db:1}
        #5 RenameContainer bb18fddd03e5_demo-db-1 -> demo-db-1: config hash changed (db-1 -> db-2) [after #4] {recreate:db:1}
        #6 StartContainer demo-db-1: config hash changed (db-1 -> db-2) [after #5]
        #7 AwaitService db service_healthy: web depends on db [after #6]
        #8 StartContainer demo-web-1: dependency db is recreated [after #1, #7]
        """, Scenarios.restartOnDependencyRecreate().render());
  }

  @Test
  void serviceCompletedSuccessfullyChainWaitsForEachStep() {
    assertEquals("""
        #1 CreateNetwork demo_default: not found
        #2 CreateContainer demo-init-1: not found [after #1]
        #3 StartContainer demo-init-1: not found [after #2]
        #4 CreateContainer demo-migrate-1: not found [after #1, #2]
        #5 AwaitService init service_completed_successfully: migrate depends on init [after #3]
        #6 StartContainer demo-migrate-1: not found [after #4, #5]
        #7 CreateContainer demo-app-1: not found [after #1, #4]
        #8 AwaitService migrate service_completed_successfully: app depends on migrate [after #6]
        #9 StartContainer demo-app-1: not found [after #7, #8]
        """, Scenarios.completedSuccessfullyChain().render());
  }

  @Test
  void noDepsTouchesOnlyTheSelectedService() {
    assertEquals("""
        #1 CreateContainer 77fa8d733c49_demo-web-1: config hash changed (web-1 -> web-2) {recreate:web:1}
        #2 StopContainer demo-web-1 (timeout 10s): config hash changed (web-1 -> web-2) [after #1] {recreate:web:1}
        #3 RemoveContainer demo-web-1: config hash changed (web-1 -> web-2) [after #2] {recreate:web:1}
        #4 RenameContainer 77fa8d733c49_demo-web-1 -> demo-web-1: config hash changed (web-1 -> web-2) [after #3] {recreate:web:1}
        #5 StartContainer demo-web-1: config hash changed (web-1 -> web-2) [after #4]
        """, Scenarios.noDeps().render());
  }

  @Test
  void forceRecreateAppliesToSelectedServicesOnly() {
    assertEquals("""
        #1 CreateContainer 77fa8d733c49_demo-web-1: forced recreate {recreate:web:1}
        #2 StopContainer demo-web-1 (timeout 10s): forced recreate [after #1] {recreate:web:1}
        #3 RemoveContainer demo-web-1: forced recreate [after #2] {recreate:web:1}
        #4 RenameContainer 77fa8d733c49_demo-web-1 -> demo-web-1: forced recreate [after #3] {recreate:web:1}
        #5 AwaitService db service_healthy: web depends on db
        #6 StartContainer demo-web-1: forced recreate [after #4, #5]
        """, Scenarios.targetedWithDependencies().render());
  }

  @Test
  void alwaysRecreateDepsRecreatesDependencies() {
    assertEquals("""
        #1 CreateContainer bb18fddd03e5_demo-db-1: dependencies always recreated {recreate:db:1}
        #2 StopContainer demo-db-1 (timeout 10s): dependencies always recreated [after #1] {recreate:db:1}
        #3 RemoveContainer demo-db-1: dependencies always recreated [after #2] {recreate:db:1}
        #4 RenameContainer bb18fddd03e5_demo-db-1 -> demo-db-1: dependencies always recreated [after #3] {recreate:db:1}
        #5 StartContainer demo-db-1: dependencies always recreated [after #4]
        """, Scenarios.alwaysRecreateDeps().render());
  }

  @Test
  void noRecreateKeepsDriftedContainers() {
    assertEquals("""
        (nothing to do)
        """, Scenarios.noRecreate().render());
  }

  @Test
  void exitedContainerIsStartedNotRecreated() {
    assertEquals("""
        #1 StartContainer demo-web-1: not running
        """, Scenarios.exitedContainerIsStarted().render());
  }

  @Test
  void downRemovesDependentsFirstThenNetworks() {
    assertEquals("""
        warning: Found orphan containers (demo-worker-1) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.
        #1 StopContainer demo-web-1 (timeout 10s): down
        #2 RemoveContainer demo-web-1: down [after #1]
        #3 StopContainer demo-api-1 (timeout 10s): down [after #2]
        #4 RemoveContainer demo-api-1: down [after #3]
        #5 StopContainer demo-db-1 (timeout 10s): down [after #4]
        #6 RemoveContainer demo-db-1: down [after #5]
        #7 RemoveNetwork demo_default: down [after #2, #4, #6]
        """, Scenarios.down(DownOptions.defaults()).render());
  }

  @Test
  void downWithVolumesAndOrphans() {
    assertEquals("""
        #1 StopContainer demo-web-1 (timeout 10s): down
        #2 RemoveContainer demo-web-1 (with anonymous volumes): down [after #1]
        #3 StopContainer demo-api-1 (timeout 10s): down [after #2]
        #4 RemoveContainer demo-api-1 (with anonymous volumes): down [after #3]
        #5 StopContainer demo-db-1 (timeout 10s): down [after #4]
        #6 RemoveContainer demo-db-1 (with anonymous volumes): down [after #5]
        #7 StopContainer demo-worker-1 (timeout 10s): orphan (service worker is not defined)
        #8 RemoveContainer demo-worker-1: orphan (service worker is not defined) [after #7]
        #9 RemoveNetwork demo_default: down [after #2, #4, #6, #7, #8]
        #10 RemoveVolume demo_data: down -v [after #2, #4, #6, #7, #8]
        """, Scenarios.down(DownOptions.defaults().withRemoveVolumes(true).withRemoveOrphans(true)).render());
  }

  @Test
  void downOfOneServiceTakesItsDependentsAndKeepsNetworks() {
    assertEquals("""
        #1 StopContainer demo-web-1 (timeout 10s): down
        #2 RemoveContainer demo-web-1: down [after #1]
        #3 StopContainer demo-api-1 (timeout 10s): down [after #2]
        #4 RemoveContainer demo-api-1: down [after #3]
        """, Scenarios.down(DownOptions.defaults().withServices(Set.of("api"))).render());
  }

  @Test
  void downOfNothingWarns() {
    assertEquals("""
        warning: No resource found to remove for project demo.
        (nothing to do)
        """, Scenarios.downNothing().render());
  }
}
