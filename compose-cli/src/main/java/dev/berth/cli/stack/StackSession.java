package dev.berth.cli.stack;

import com.github.dockerjava.api.exception.DockerException;
import dev.berth.cli.error.UserException;
import dev.berth.swarm.SwarmConnection;
import dev.berth.swarm.SwarmUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Opens the connection to the swarm manager for one stack command and turns the manager's refusals into messages. */
final class StackSession {
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);

    private StackSession() {
    }

    /**
     * Runs {@code action} on a connection to the manager that {@code stack --host}, DOCKER_HOST, the docker context
     * or the default socket names, in that order.
     */
    static <T> T withManager(StackCommand stack, Function<SwarmConnection, T> action) {
        try (SwarmConnection connection = SwarmConnection.openFromEnvironment(environment(stack), RESPONSE_TIMEOUT)) {
            try {
                return action.apply(connection);
            } catch (DockerException e) {
                throw new UserException("berth: the swarm manager refused: "
                        + String.valueOf(e.getMessage()).strip());
            }
        } catch (SwarmUnavailableException | IllegalStateException e) {
            throw new UserException("berth: " + e.getMessage());
        }
    }

    private static Map<String, String> environment(StackCommand stack) {
        Map<String, String> env = new HashMap<>(stack.root.invocation().env());
        stack.host().ifPresent(host -> env.put("DOCKER_HOST", host));
        return env;
    }
}
