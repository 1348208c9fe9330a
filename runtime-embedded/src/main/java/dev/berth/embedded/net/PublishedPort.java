package dev.berth.embedded.net;

/** A port as published: the actual host port (resolved for ephemeral and range bindings) and its target. */
public record PublishedPort(String protocol, String hostIp, int hostPort, String containerIp, int containerPort) {
}
