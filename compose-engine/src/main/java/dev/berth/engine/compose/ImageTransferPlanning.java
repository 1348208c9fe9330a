package dev.berth.engine.compose;

import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import dev.berth.engine.graph.DependencyGraph;
import dev.berth.engine.plan.Operation;
import dev.berth.engine.plan.Plan;
import dev.berth.engine.plan.PlanningException;
import dev.berth.engine.pull.PullCandidate;
import dev.berth.engine.pull.PullPolicy;
import dev.berth.model.project.Project;
import dev.berth.model.project.Service;
import dev.berth.runtime.ImageRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The compose side of pulls and pushes: which services' images, under which policy. */
final class ImageTransferPlanning {
    private ImageTransferPlanning() {
    }

    /** The services a command acts on: the named ones (all when none), with their dependencies when asked. */
    static Set<String> selected(DesiredProject desired, Set<String> named, boolean withDependencies) {
        Set<String> all = new TreeSet<>();
        desired.services().forEach(s -> all.add(s.name()));
        for (String name : named) {
            if (!all.contains(name)) {
                throw new PlanningException("no such service: " + name + "; the project defines " + String.join(", ", all));
            }
        }
        Set<String> chosen = named.isEmpty() ? all : new TreeSet<>(named);
        return withDependencies ? new TreeSet<>(DependencyGraph.of(desired).withDependencies(chosen)) : chosen;
    }

    /**
     * One candidate per selected service; {@code policyFor} gives the policy of a service's {@code pull_policy}. A
     * service counts as buildable when any service of the project builds its image (as Compose: an image that
     * {@code worker} builds is not pulled for {@code data}, which only names it).
     */
    static List<PullCandidate> candidates(Project project, DesiredProject desired, Set<String> services,
                                          java.util.function.Function<String, PullPolicy> policyFor,
                                          java.util.function.Function<ImageRef, Optional<java.time.Instant>> lastPulled) {
        List<PullCandidate> candidates = new ArrayList<>();
        Set<ImageRef> built = new java.util.HashSet<>();
        for (DesiredService s : desired.services()) {
            if (project.services().get(s.name()).build() != null) {
                built.add(s.template().image());
            }
        }
        for (DesiredService s : desired.services()) {
            if (!services.contains(s.name())) {
                continue;
            }
            Service service = project.services().get(s.name());
            PullPolicy policy;
            try {
                policy = policyFor.apply(service.pullPolicy());
            } catch (IllegalArgumentException e) {
                throw new PlanningException("service " + s.name() + ": " + e.getMessage());
            }
            candidates.add(new PullCandidate(s.name(), s.template().image(), Optional.ofNullable(service.platform()),
                    policy, built.contains(s.template().image()), !s.imageDigest().isEmpty(), lastPulled.apply(s.template().image())));
        }
        return candidates;
    }

    /**
     * {@code build --push}: {@code builds} followed by one push per built image that a service names with
     * {@code image:} (an image named only after the project and service is not pushed, as in Compose), each after its
     * build.
     */
    static Plan withPushes(Plan builds, Project project) {
        List<dev.berth.engine.plan.PlanStep> steps = new ArrayList<>(builds.steps());
        for (dev.berth.engine.plan.PlanStep step : builds.steps()) {
            if (!(step.operation() instanceof Operation.BuildImage build)) {
                continue;
            }
            List<String> named = build.services().stream().filter(name -> {
                Service service = project.services().get(name);
                return service != null && service.image() != null && !service.image().isBlank();
            }).toList();
            if (!named.isEmpty()) {
                steps.add(new dev.berth.engine.plan.PlanStep(steps.size() + 1, new Operation.PushImage(
                        build.spec().image(), named), "build --push", List.of(step.id()), Optional.empty()));
            }
        }
        return new Plan(steps, builds.warnings());
    }

    /** {@code push}: one step per image of the selected services that have a {@code build} section or were named. */
    static Plan pushPlan(Project project, DesiredProject desired, Set<String> services, Set<String> named) {
        Map<ImageRef, List<String>> images = new LinkedHashMap<>();
        for (DesiredService s : desired.services()) {
            Service service = project.services().get(s.name());
            boolean wanted = named.contains(s.name()) || service.build() != null;
            if (services.contains(s.name()) && wanted && service.image() != null && !service.image().isBlank()) {
                images.computeIfAbsent(s.template().image(), i -> new ArrayList<>()).add(s.name());
            }
        }
        List<dev.berth.engine.plan.PlanStep> steps = new ArrayList<>();
        images.forEach((image, users) -> steps.add(new dev.berth.engine.plan.PlanStep(steps.size() + 1,
                new Operation.PushImage(image, users), "berth push", List.of(), Optional.empty())));
        return new Plan(steps, List.of());
    }
}
