/**
 * Bridge networking wired into the engine: {@link dev.berth.embedded.networking.BridgeNetworking} implements the
 * engine's {@link dev.berth.embedded.ContainerNetworking} hook with the {@code net} package (namespace per
 * container, endpoints, DNS names, published ports) and owns the networks the SPI creates.
 * {@link dev.berth.embedded.networking.PublishedPortsStore} remembers what each running container publishes, so
 * {@code ps}/{@code port} can show it and another engine instance can adopt or release it.
 */
package dev.berth.embedded.networking;
