package dev.berth.cli.root;

import dev.berth.cli.invocation.Invocation;
import java.util.Optional;

/**
 * A command that, for some callers, cannot run inside the resident CLI server and needs a JVM of its own: it takes
 * over the terminal (the shell, {@code run} with a TTY) or is itself a long-lived process ({@code berth engine}).
 */
public interface OwnProcessCommand {

    /** Why this command line, run for {@code caller}, needs a process of its own; empty when it does not. */
    Optional<String> ownProcessReason(Invocation caller);
}
