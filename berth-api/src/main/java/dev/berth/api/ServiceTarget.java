package dev.berth.api;

import dev.berth.api.wait.WaitTarget;
import dev.berth.engine.ComposeLabels;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.project.Service;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.LogOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** One service of a running project, seen through the engine: what wait strategies and service handles use. */
final class ServiceTarget implements WaitTarget {
    private final ComposeEngine engine;
    private final LoadedProject loaded;
    private final String service;

    ServiceTarget(ComposeEngine engine, LoadedProject loaded, String service) {
        this.engine = engine;
        this.loaded = loaded;
        this.service = service;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public List<ContainerSummary> containers() {
        return engine.ps(project(), Set.of(service), true).stream()
                .filter(c -> !"True".equals(c.label(ComposeLabels.ONEOFF))).toList();
    }

    @Override
    public List<String> logLines() {
        List<String> lines = new ArrayList<>();
        try {
            engine.logs(project(), Set.of(service), LogOptions.ALL, l -> lines.add(l.entry().line()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lines;
    }

    @Override
    public ExecResult exec(List<String> command) {
        return engine.exec(project(), service, 1, new ExecSpec(command, Map.of(), Optional.empty(), Optional.empty(),
                false, false));
    }

    @Override
    public OptionalInt hostPort(int containerPort) {
        Optional<String> published = engine.port(loaded, service, containerPort, "tcp", 1);
        if (published.isPresent()) {
            int port = Integer.parseInt(published.get().substring(published.get().lastIndexOf(':') + 1));
            return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
        }
        Service s = loaded.project().services().get(service);
        return s != null && "host".equals(s.networkMode()) ? OptionalInt.of(containerPort) : OptionalInt.empty();
    }

    private String project() {
        return loaded.project().name();
    }
}
