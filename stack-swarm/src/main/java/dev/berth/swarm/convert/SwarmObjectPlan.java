package dev.berth.swarm.convert;

import java.util.Arrays;
import java.util.Map;

/**
 * A secret or config of the stack. Swarm objects are immutable, so each content gets its own name,
 * {@code <baseName>-<content hash>}: a changed file yields a new object, the services that use it are updated to
 * it, and older versions (found by {@value #BASE_LABEL}) are removed afterwards. External objects are only looked
 * up, under {@code baseName}.
 *
 * @param key the top-level key in the compose file
 * @param baseName {@code <stack>_<key>} or the {@code name:} the file gives
 * @param name the versioned name to create, or {@code baseName} when external
 * @param data the content, empty when external
 */
public record SwarmObjectPlan(ObjectKind kind, String key, String baseName, String name, byte[] data,
                              Map<String, String> labels, boolean external) {
    /** Marks every version of one secret or config with its unversioned name. */
    public static final String BASE_LABEL = "dev.berth.stack.object";

    public SwarmObjectPlan {
        data = data.clone();
        labels = Map.copyOf(labels);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SwarmObjectPlan p && kind == p.kind && key.equals(p.key) && baseName.equals(p.baseName)
                && name.equals(p.name) && Arrays.equals(data, p.data) && labels.equals(p.labels)
                && external == p.external;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return kind.word() + " " + name + " (" + data.length + " bytes" + (external ? ", external)" : ")");
    }
}
