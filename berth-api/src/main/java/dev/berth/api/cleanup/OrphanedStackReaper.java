package dev.berth.api.cleanup;

import dev.berth.api.support.OutcomeProblems;
import dev.berth.engine.ComposeLabels;
import dev.berth.engine.compose.ComposeEngine;
import dev.berth.engine.compose.Outcome;
import dev.berth.engine.plan.DownOptions;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.RuntimeOperationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds stacks whose owning process died without tearing them down (a JVM killed in the middle of a test run) by
 * the {@link StackOwner} labels of their containers, and takes each down with its volumes. A project is left alone
 * while any owner of its containers lives.
 */
public final class OrphanedStackReaper {
    private final ContainerRuntime runtime;
    private final ComposeEngine engine;
    private final ProcessTable processes;

    /** What one pass did: the projects taken down, and the problems with those that could not be. */
    public record Result(List<String> removed, List<String> problems) {
        public Result {
            removed = List.copyOf(removed);
            problems = List.copyOf(problems);
        }
    }

    public OrphanedStackReaper(ContainerRuntime runtime, ComposeEngine engine, ProcessTable processes) {
        this.runtime = runtime;
        this.engine = engine;
        this.processes = processes;
    }

    /** One pass over every owned container of the runtime. */
    public Result reap() {
        Map<String, List<StackOwner>> ownersByProject = new TreeMap<>();
        for (ContainerSummary c : runtime.list(LabelSelector.all().andPresent(StackOwner.PID_LABEL)
                .andPresent(ComposeLabels.PROJECT))) {
            StackOwner.fromLabels(c.labels()).ifPresent(owner -> ownersByProject
                    .computeIfAbsent(c.label(ComposeLabels.PROJECT), k -> new ArrayList<>()).add(owner));
        }
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ownersByProject.forEach((project, owners) -> {
            if (owners.stream().anyMatch(processes::isAlive)) {
                return;
            }
            Outcome outcome;
            try {
                outcome = engine.down(project, Optional.empty(), new DownOptions(java.util.Set.of(), true, true,
                        Optional.of(Duration.ofSeconds(1))), false, event -> { });
            } catch (RuntimeOperationException e) {
                problems.add("project " + project + " (left by pid " + owners.get(0).pid() + ") could not be taken"
                        + " down: " + e.getMessage() + " — remove it with: berth -p " + project + " down -v");
                return;
            }
            if (outcome.succeeded()) {
                removed.add(project);
            } else {
                problems.add("project " + project + " (left by pid " + owners.get(0).pid() + ") could not be taken"
                        + " down: " + OutcomeProblems.summary(outcome) + " — remove it with: berth -p " + project
                        + " down -v");
            }
        });
        return new Result(removed, problems);
    }
}
