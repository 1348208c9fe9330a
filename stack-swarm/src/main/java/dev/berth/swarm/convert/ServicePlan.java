package dev.berth.swarm.convert;

import com.github.dockerjava.api.model.ServiceSpec;

/**
 * One service of the stack as a Swarm spec. Networks, secrets and configs are referenced by name in the spec (the
 * IDs exist only once the deployer has created them); the deployer binds them before sending it.
 *
 * @param key the service key in the compose file
 * @param name {@code <stack>_<key>}
 * @param spec the service spec; callers must not modify it
 */
public record ServicePlan(String key, String name, String image, ServiceSpec spec) {
}
