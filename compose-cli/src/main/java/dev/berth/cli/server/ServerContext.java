package dev.berth.cli.server;

import java.util.function.BooleanSupplier;

/**
 * What every connection of one server shares.
 *
 * @param identity the {@link JarIdentity} of the build this server runs
 * @param commands the command tree
 * @param policy which command lines need a process of their own
 * @param log the server's log
 * @param idle the count of running requests, for the idle timeout
 * @param sourcesChanged whether berth's sources changed since its jar was built (false when not watched)
 */
record ServerContext(String identity, CommandLines commands, OwnProcessPolicy policy, ServerLog log, IdleWatch idle,
        BooleanSupplier sourcesChanged) {
}
