package dev.berth.swarm.convert;

/**
 * A service attribute the stack sets but Swarm does not use, reported as {@code docker stack deploy} does
 * ("Ignoring unsupported options: build, links").
 *
 * @param service the service key
 * @param attribute the compose attribute, e.g. {@code build}
 * @param reason why Swarm does not use it
 */
public record IgnoredOption(String service, String attribute, String reason) {
}
