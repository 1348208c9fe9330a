package dev.berth.swarm.deploy;

import java.nio.file.Path;

/**
 * Switches of {@code stack deploy}.
 *
 * @param prune remove the stack's services that the file no longer defines
 * @param withRegistryAuth send the registry credentials for each image (from {@code dockerConfigDir}) to the swarm,
 *     so that nodes can pull private images
 * @param dockerConfigDir where {@code config.json} is: {@code DOCKER_CONFIG}, else {@code ~/.docker}
 */
public record DeployOptions(boolean prune, boolean withRegistryAuth, Path dockerConfigDir) {
}
