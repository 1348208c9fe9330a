package dev.berth.swarm.inspect;

/** One line of {@code stack ls}: a stack and how many services it has. */
public record StackSummary(String name, int services) {
}
