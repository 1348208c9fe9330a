package dev.berth.swarm.inspect;

/**
 * One line of {@code stack ps}: a task of one of the stack's services.
 *
 * @param name {@code <service>.<slot>} for replicated services, {@code <service>.<node id>} for global ones
 * @param currentState the task's state, e.g. {@code running}
 * @param since when it entered that state (the Engine's timestamp)
 * @param error why it failed, or empty
 */
public record TaskStatusRow(String id, String name, String service, String image, String node, String desiredState,
                            String currentState, String since, String error) {
}
