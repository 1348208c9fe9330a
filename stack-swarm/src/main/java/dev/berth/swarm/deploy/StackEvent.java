package dev.berth.swarm.deploy;

import dev.berth.swarm.convert.IgnoredOption;
import dev.berth.swarm.convert.ObjectKind;
import java.util.List;

/** What a deploy or removal did, one event per Swarm object, in order; the CLI renders them. */
public sealed interface StackEvent {
    /** Attributes of the file that Swarm does not use; emitted once, before anything changes. */
    record OptionsIgnored(List<IgnoredOption> options) implements StackEvent {
        public OptionsIgnored {
            options = List.copyOf(options);
        }
    }

    record NetworkCreated(String name) implements StackEvent {
    }

    record NetworkRemoved(String name) implements StackEvent {
    }

    record ObjectCreated(ObjectKind kind, String name) implements StackEvent {
    }

    record ObjectRemoved(ObjectKind kind, String name) implements StackEvent {
    }

    /** An old version that could not be removed because some service outside the stack still uses it. */
    record ObjectKept(ObjectKind kind, String name, String reason) implements StackEvent {
    }

    record ServiceCreated(String name) implements StackEvent {
    }

    /** The spec changed: Swarm rolls the service's tasks over by its update config. */
    record ServiceUpdated(String name, long previousVersion) implements StackEvent {
    }

    record ServiceUnchanged(String name) implements StackEvent {
    }

    record ServiceRemoved(String name) implements StackEvent {
    }
}
