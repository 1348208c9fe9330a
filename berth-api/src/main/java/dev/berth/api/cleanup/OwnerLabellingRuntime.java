package dev.berth.api.cleanup;

import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.DelegatingContainerRuntime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A runtime that writes the {@link StackOwner} labels on every container it creates and otherwise passes every
 * call on unchanged, so that the {@link OrphanedStackReaper} can find the stacks of dead processes. Closing it
 * closes the runtime underneath.
 */
public final class OwnerLabellingRuntime extends DelegatingContainerRuntime {
    private final Map<String, String> ownerLabels;

    public OwnerLabellingRuntime(ContainerRuntime delegate, StackOwner owner) {
        super(delegate);
        this.ownerLabels = owner.labels();
    }

    @Override
    public ContainerId create(ContainerSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.putAll(ownerLabels);
        return delegate.create(spec.toBuilder().labels(labels).build());
    }
}
