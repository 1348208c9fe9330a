package dev.berth.api.wait;

import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.Healthcheck;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.fake.FakeProgram;
import dev.berth.runtime.fake.FakeRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A service of one container on a {@link FakeRuntime}, with the host ports a test says. */
final class FakeTarget implements WaitTarget {
    private final FakeRuntime runtime;
    private final String service;
    private final Map<Integer, Integer> hostPorts = new HashMap<>();

    private FakeTarget(FakeRuntime runtime, String service) {
        this.runtime = runtime;
        this.service = service;
    }

    /** Creates and starts the container of {@code service} running {@code program}. */
    static FakeTarget start(FakeRuntime runtime, String service, FakeProgram program, boolean healthcheck) {
        ImageRef image = ImageRef.of("test/" + service + ":latest");
        runtime.addImage(image, program);
        ContainerSpec.Builder spec = ContainerSpec.builder("p-" + service + "-1", image)
                .labels(Map.of("svc", service));
        if (healthcheck) {
            spec.healthcheck(Healthcheck.of(List.of("CMD", "true")));
        }
        ContainerId id = runtime.create(spec.build());
        runtime.start(id);
        return new FakeTarget(runtime, service);
    }

    /** A service that has no container. */
    static FakeTarget empty(FakeRuntime runtime, String service) {
        return new FakeTarget(runtime, service);
    }

    FakeTarget publishing(int containerPort, int hostPort) {
        hostPorts.put(containerPort, hostPort);
        return this;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public List<ContainerSummary> containers() {
        return runtime.list(LabelSelector.of("svc", service));
    }

    @Override
    public List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ContainerSummary c : containers()) {
            try (LogStream stream = runtime.logs(c.id(), LogOptions.ALL)) {
                stream.forEachRemaining((LogEntry e) -> lines.add(e.line()));
            }
        }
        return lines;
    }

    @Override
    public ExecResult exec(List<String> command) {
        return runtime.exec(containers().get(0).id(), new ExecSpec(command, Map.of(), Optional.empty(),
                Optional.empty(), false, false));
    }

    @Override
    public OptionalInt hostPort(int containerPort) {
        Integer port = hostPorts.get(containerPort);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }
}
