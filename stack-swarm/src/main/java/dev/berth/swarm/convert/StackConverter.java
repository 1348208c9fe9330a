package dev.berth.swarm.convert;

import dev.berth.model.project.Project;
import dev.berth.swarm.StackNamespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A loaded compose project → the Swarm objects of a stack, as {@code docker stack deploy} converts it. Pure apart
 * from reading the files of secrets and configs: no daemon is involved.
 */
public final class StackConverter {
    private StackConverter() {
    }

    /**
     * @param variables the project's environment, for secrets and configs taken from {@code environment:}
     * @throws StackConversionException naming the first attribute Swarm cannot express
     */
    public static StackSpec convert(Project project, StackNamespace namespace,
                                    Function<String, Optional<String>> variables) {
        List<NetworkPlan> networks = new NetworkConverter(namespace).convert(project.networks());
        FileObjectConverter objects = new FileObjectConverter(namespace, project.workingDir(), variables);
        List<SwarmObjectPlan> secrets = objects.convert(ObjectKind.SECRET, project.secrets());
        List<SwarmObjectPlan> configs = objects.convert(ObjectKind.CONFIG, project.configs());
        ServiceConverter services = new ServiceConverter(namespace, byKey(networks, NetworkPlan::key),
                new MountMapper(namespace, project.volumes()),
                new FileReferenceMapper(byKey(secrets, SwarmObjectPlan::key), byKey(configs, SwarmObjectPlan::key)));
        List<ServicePlan> plans = new ArrayList<>();
        project.services().forEach((key, service) -> plans.add(services.convert(key, service)));
        return new StackSpec(namespace, networks, secrets, configs, plans, UnsupportedOptions.of(project.services()));
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }
}
