package dev.berth.engine.execute;

import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredNetwork;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small desired projects for executor tests; service {@code x} runs image {@code x:latest}. */
final class EngineFixture {
  static final String PROJECT = "demo";

  private EngineFixture() {}

  static DesiredService service(String name, Dependency... deps) {
    ContainerSpec template = ContainerSpec.builder(name, ImageRef.of(name + ":latest"))
        .networks(List.of(NetworkAttachment.of("demo_default", name)))
        .build();
    return new DesiredService(name, template, 1, name + "-hash", "", Arrays.asList(deps));
  }

  static DesiredService withHealthcheck(DesiredService s) {
    return new DesiredService(s.name(), s.template().toBuilder()
        .healthcheck(Healthcheck.of(List.of("CMD", "true"))).build(), s.replicas(), s.configHash(),
        s.imageDigest(), s.dependsOn());
  }

  static DesiredProject project(DesiredService... services) {
    return project(List.of(services));
  }

  static DesiredProject project(List<DesiredService> services) {
    return new DesiredProject(PROJECT, services,
        List.of(new DesiredNetwork("default", NetworkSpec.bridge("demo_default", Map.of()), "net", false)),
        List.of());
  }
}
