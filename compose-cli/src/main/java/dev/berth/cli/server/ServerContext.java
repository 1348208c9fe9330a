package dev.berth.cli.server;

/**
 * What every connection of one server shares.
 *
 * @param identity the {@link JarIdentity} of the build this server runs
 * @param commands the command tree
 * @param policy which command lines need a process of their own
 * @param log the server's log
 * @param idle the count of running requests, for the idle timeout
 */
record ServerContext(String identity, CommandLines commands, OwnProcessPolicy policy, ServerLog log, IdleWatch idle) {
}
