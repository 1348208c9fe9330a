package dev.berth.swarm.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes an overlay network of a removed stack. The manager refuses while tasks of the just-removed services are
 * still attached ("network ... is in use by task ..."), so this retries until they are gone, as docker stack rm's
 * users otherwise do by hand.
 */
final class NetworkRemoval {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long PAUSE_MILLIS = 500;

    private NetworkRemoval() {
    }

    static void removeWhenTasksAreGone(DockerClient client, Network network) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                client.removeNetworkCmd(network.getId()).exec();
                return;
            } catch (NotFoundException e) {
                return;
            } catch (DockerException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("network " + network.getName() + " is still in use "
                            + PATIENCE.toSeconds() + "s after its services were removed: " + e.getMessage()
                            + "; run `berth stack rm` again once the tasks have stopped", e);
                }
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while removing network " + network.getName(), e);
            }
        }
    }
}
