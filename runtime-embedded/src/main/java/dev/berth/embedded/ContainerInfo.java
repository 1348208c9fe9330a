package dev.berth.embedded;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.embedded.oci.ContainerConfig;

/**
 * Everything the engine knows about one container (what {@code inspect} returns, and what is persisted in
 * {@code <root>/containers/<id>/container.json}).
 */
public record ContainerInfo(@JsonProperty("id") String id, @JsonProperty("name") String name,
                            @JsonProperty("created") String created, @JsonProperty("imageId") String imageId,
                            @JsonProperty("hostname") String hostname, @JsonProperty("config") ContainerConfig config,
                            @JsonProperty("state") ContainerState state) {

    ContainerInfo withState(ContainerState value) {
        return new ContainerInfo(id, name, created, imageId, hostname, config, value);
    }

    ContainerInfo withName(String value) {
        return new ContainerInfo(id, value, created, imageId, hostname, config, state);
    }
}
