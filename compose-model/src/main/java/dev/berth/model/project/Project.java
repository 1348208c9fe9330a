package dev.berth.model.project;

import java.nio.file.Path;
import java.util.Map;

/**
 * A whole, canonical Compose project: its name, the directory relative paths were resolved against, and the
 * services and top-level resources in declaration order. {@code extensions} holds the top-level {@code x-*} keys.
 */
public record Project(String name, Path workingDir, Map<String, Service> services, Map<String, NetworkConfig> networks,
                      Map<String, VolumeConfig> volumes, Map<String, FileObjectConfig> secrets,
                      Map<String, FileObjectConfig> configs, Map<String, ModelConfig> models,
                      Map<String, Object> extensions) {

    public Project {
        services = Copy.map(services);
        networks = Copy.map(networks);
        volumes = Copy.map(volumes);
        secrets = Copy.map(secrets);
        configs = Copy.map(configs);
        models = Copy.map(models);
        extensions = Copy.map(extensions);
    }

    public Service service(String serviceName) {
        Service service = services.get(serviceName);
        if (service == null) {
            throw new IllegalArgumentException("no such service: " + serviceName);
        }
        return service;
    }
}
