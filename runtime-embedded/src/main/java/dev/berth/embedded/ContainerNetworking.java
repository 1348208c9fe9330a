package dev.berth.embedded;

import java.nio.file.Path;

/**
 * The engine's network layer for containers in {@link dev.berth.embedded.oci.ContainerConfig.NetworkMode#BRIDGE}
 * mode: sets a container's networking up before its process starts and releases it once the process is gone.
 * The engine calls it under the container's lock, so calls for one container never overlap.
 */
public interface ContainerNetworking {

    /** What a started container joins: an existing network namespace and the content of its /etc files. */
    record Setup(Path namespace, String hosts, String resolvConf) {
    }

    /**
     * Creates the container's network namespace, connects it to its networks, registers its names and publishes
     * its ports. On failure nothing is left behind.
     */
    Setup setUp(ContainerInfo container);

    /** Releases everything {@link #setUp} made (idempotent; also for a container set up by an earlier engine). */
    void tearDown(ContainerInfo container);

    /**
     * A running container's network memberships changed from {@code before} to {@code after} (connect or
     * disconnect): applies the difference and returns its new /etc files. On failure the container is as before.
     */
    Setup update(ContainerInfo before, ContainerInfo after);

    /** A container still running from an earlier engine instance: serve its names and ports again. */
    void adopt(ContainerInfo container);

    /** The engine closes: stop serving (the running containers' namespaces and rules stay for the next engine). */
    void close();

    /** No bridge networking: containers asking for it fail to start with a clear message. */
    static ContainerNetworking unavailable() {
        return new ContainerNetworking() {
            @Override
            public Setup setUp(ContainerInfo container) {
                throw new EngineException("container " + container.name() + " is on bridge networks, but this engine"
                        + " was opened without networking: open it through EmbeddedRuntime");
            }

            @Override
            public Setup update(ContainerInfo before, ContainerInfo after) {
                return setUp(after);
            }

            @Override
            public void tearDown(ContainerInfo container) {
            }

            @Override
            public void adopt(ContainerInfo container) {
            }

            @Override
            public void close() {
            }
        };
    }
}
