package dev.berth.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.SwarmInfo;
import dev.berth.docker.DockerConnector;
import dev.berth.docker.DockerEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A docker-java client on a Swarm manager: the endpoint is resolved as the docker CLI resolves it (DOCKER_HOST,
 * context, socket), and {@link #open} refuses an engine that is not a manager of an active swarm, because only
 * managers accept service, network, secret and config changes.
 */
public final class SwarmConnection implements AutoCloseable {
    private final DockerClient client;
    private final String apiVersion;
    private final DockerEndpoint endpoint;

    private SwarmConnection(DockerClient client, String apiVersion, DockerEndpoint endpoint) {
        this.client = client;
        this.apiVersion = apiVersion;
        this.endpoint = endpoint;
    }

    /** Connects to the engine that DOCKER_HOST, the docker context or the default socket names, as docker does. */
    public static SwarmConnection openFromEnvironment(Duration responseTimeout) {
        return openFromEnvironment(System.getenv(), responseTimeout);
    }

    /**
     * Connects to the engine that {@code env}'s DOCKER_HOST, its docker context or the default socket names, as
     * docker does with that environment (a caller's {@code -H} goes in as DOCKER_HOST).
     */
    public static SwarmConnection openFromEnvironment(java.util.Map<String, String> env, Duration responseTimeout) {
        DockerEndpoint endpoint;
        try {
            endpoint = DockerEndpoint.resolve(env, java.nio.file.Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) {
            throw new SwarmUnavailableException(e.getMessage(), e);
        }
        return open(endpoint, responseTimeout);
    }

    /** Connects to {@code endpoint} and checks that it is a reachable Swarm manager. */
    public static SwarmConnection open(DockerEndpoint endpoint, Duration responseTimeout) {
        DockerConnector.Connection connection;
        try {
            connection = DockerConnector.connect(endpoint, responseTimeout);
        } catch (RuntimeException e) {
            throw new SwarmUnavailableException("no Docker Engine at " + endpoint + ": " + e.getMessage()
                    + "; start it, or point DOCKER_HOST or a docker context at a Swarm manager", e);
        }
        SwarmConnection opened = new SwarmConnection(connection.client(), connection.apiVersion(), endpoint);
        try {
            opened.requireManager();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    private void requireManager() {
        Info info = client.infoCmd().exec();
        SwarmInfo swarm = info.getSwarm();
        String state = swarm == null || swarm.getLocalNodeState() == null ? "inactive"
                : swarm.getLocalNodeState().getValue();
        if (!"active".equals(state)) {
            throw new SwarmUnavailableException("the Docker Engine at " + endpoint + " is not part of a swarm (node state "
                    + state + "); run `docker swarm init` there, or point DOCKER_HOST at a manager of your cluster");
        }
        if (!Boolean.TRUE.equals(swarm.getControlAvailable())) {
            throw new SwarmUnavailableException("the Docker Engine at " + endpoint + " is a swarm worker; stacks are"
                    + " deployed through a manager: point DOCKER_HOST or a docker context at a manager node");
        }
    }

    public DockerClient client() {
        return client;
    }

    /** The Engine API version both sides speak, e.g. {@code 1.41}. */
    public String apiVersion() {
        return apiVersion;
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the connection to " + endpoint, e);
        }
    }
}
