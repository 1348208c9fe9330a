package dev.berth.swarm.convert;

import com.github.dockerjava.api.model.ContainerDNSConfig;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import dev.berth.model.project.Service;
import dev.berth.model.project.ServiceNetwork;
import dev.berth.swarm.StackNamespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One compose service → a Swarm service spec named {@code <stack>_<key>}. */
final class ServiceConverter {
    private final StackNamespace namespace;
    private final Map<String, NetworkPlan> networks;
    private final MountMapper mounts;
    private final FileReferenceMapper files;

    ServiceConverter(StackNamespace namespace, Map<String, NetworkPlan> networks, MountMapper mounts,
                     FileReferenceMapper files) {
        this.namespace = namespace;
        this.networks = networks;
        this.mounts = mounts;
        this.files = files;
    }

    ServicePlan convert(String key, Service service) {
        if (service.image() == null || service.image().isEmpty()) {
            throw new StackConversionException("services." + key + ".image", "(none)",
                    "Swarm runs images and does not build them",
                    "build and push the image, then set `image:` (docker stack deploy has the same rule)");
        }
        String name = namespace.scoped(key);
        DeployMapper deploy = new DeployMapper(key);
        Map<String, String> serviceLabels = namespace.labelled(service.deploy() == null ? Map.of() : service.deploy().labels());
        serviceLabels.put(StackNamespace.IMAGE_LABEL, service.image());
        TaskSpec task = new TaskSpec()
                .withContainerSpec(container(key, service))
                .withNetworks(attachments(key, service))
                .withRestartPolicy(deploy.restart(service))
                .withPlacement(service.deploy() == null ? null : deploy.placement(service.deploy().placement()))
                .withResources(service.deploy() == null ? null : deploy.resources(service.deploy().resources()))
                .withLogDriver(service.logging() == null || service.logging().driver() == null ? null
                        : new Driver().withName(service.logging().driver()).withOptions(service.logging().options()));
        ServiceSpec spec = new ServiceSpec()
                .withName(name)
                .withLabels(serviceLabels)
                .withTaskTemplate(task)
                .withMode(deploy.mode(service))
                .withUpdateConfig(service.deploy() == null ? null : deploy.update(service.deploy().updateConfig(), "update_config"))
                .withRollbackConfig(service.deploy() == null ? null
                        : deploy.update(service.deploy().rollbackConfig(), "rollback_config"))
                .withEndpointSpec(EndpointMapper.map(key, service));
        return new ServicePlan(key, name, service.image(), spec);
    }

    private ContainerSpec container(String key, Service service) {
        ContainerSpec spec = new ContainerSpec()
                .withImage(service.image())
                .withLabels(namespace.labelled(service.labels()))
                .withCommand(service.entrypoint())
                .withArgs(service.command())
                .withEnv(environment(service.environment()))
                .withDir(service.workingDir())
                .withUser(service.user())
                .withHostname(service.hostname())
                .withTty(service.tty())
                .withOpenStdin(service.stdinOpen())
                .withReadOnly(service.readOnly())
                .withInit(service.init())
                .withStopSignal(service.stopSignal())
                .withStopGracePeriod(GoDurations.nanos(service.stopGracePeriod()))
                .withHealthCheck(HealthcheckMapper.map(service.healthcheck()))
                .withMounts(nonEmpty(mounts.map(key, service.volumes(), service.tmpfs())))
                .withSecrets(nonEmpty(files.secrets(key, service.secrets())))
                .withConfigs(nonEmpty(files.configs(key, service.configs())))
                .withHosts(nonEmpty(hosts(service.extraHosts())));
        if (!service.dns().isEmpty() || !service.dnsSearch().isEmpty() || !service.dnsOpt().isEmpty()) {
            spec.withDnsConfig(new ContainerDNSConfig().withNameservers(nonEmpty(service.dns()))
                    .withSearch(nonEmpty(service.dnsSearch())).withOptions(nonEmpty(service.dnsOpt())));
        }
        return spec;
    }

    /** {@code KEY=value} sorted by key, as docker stack sends them; a variable without value is {@code KEY}. */
    private static List<String> environment(Map<String, String> environment) {
        List<String> env = new ArrayList<>();
        new TreeMap<>(environment).forEach((k, v) -> env.add(v == null ? k : k + "=" + v));
        return nonEmpty(env);
    }

    /** Swarm's hosts file entries: {@code IP hostname}. */
    private static List<String> hosts(Map<String, List<String>> extraHosts) {
        List<String> hosts = new ArrayList<>();
        extraHosts.forEach((host, ips) -> ips.forEach(ip -> hosts.add(ip + " " + host)));
        return hosts;
    }

    /** Each network the service joins, by name (bound to its ID by the deployer), with the service key as alias. */
    private List<NetworkAttachmentConfig> attachments(String key, Service service) {
        Map<String, ServiceNetwork> joined = service.networks().isEmpty() && networks.containsKey("default")
                ? Map.of("default", new ServiceNetwork(List.of(), null, null, List.of(), null, Map.of(), null, null, null))
                : service.networks();
        List<NetworkAttachmentConfig> out = new ArrayList<>();
        joined.forEach((network, attachment) -> {
            NetworkPlan plan = networks.get(network);
            if (plan == null) {
                throw new StackConversionException("services." + key + ".networks", network,
                        "not a top-level network", "declare it under `networks:`");
            }
            LinkedHashMap<String, Boolean> aliases = new LinkedHashMap<>();
            aliases.put(key, true);
            if (attachment != null) {
                attachment.aliases().forEach(a -> aliases.put(a, true));
            }
            out.add(new NetworkAttachmentConfig().withTarget(plan.name()).withAliases(List.copyOf(aliases.keySet())));
        });
        return nonEmpty(out);
    }

    private static <T> List<T> nonEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
