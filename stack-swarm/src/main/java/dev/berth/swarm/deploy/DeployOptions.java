package dev.berth.swarm.deploy;

import java.nio.file.Path;
import java.util.Map;

/**
 * Switches of {@code stack deploy}.
 *
 * @param prune remove the stack's services that the file no longer defines
 * @param withRegistryAuth send the registry credentials for each image (from {@code dockerConfigDir}) to the swarm,
 *     so that nodes can pull private images
 * @param dockerConfigDir where {@code config.json} is: {@code DOCKER_CONFIG}, else {@code ~/.docker}
 * @param helperEnvironment the environment credential helpers run with (and whose PATH finds them)
 */
public record DeployOptions(boolean prune, boolean withRegistryAuth, Path dockerConfigDir,
        Map<String, String> helperEnvironment) {

    public DeployOptions {
        helperEnvironment = Map.copyOf(helperEnvironment);
    }

    /** Credential helpers run with this process's environment. */
    public DeployOptions(boolean prune, boolean withRegistryAuth, Path dockerConfigDir) {
        this(prune, withRegistryAuth, dockerConfigDir, System.getenv());
    }
}
