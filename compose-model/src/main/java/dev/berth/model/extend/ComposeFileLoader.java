package dev.berth.model.extend;

import dev.berth.model.tree.MapNode;
import java.nio.file.Path;

/**
 * Reads another Compose file named by {@code extends.file}: YAML read and interpolated, merge tags kept.
 * Failures are reported as {@link dev.berth.model.problem.ComposeException}.
 */
@FunctionalInterface
public interface ComposeFileLoader {

    /** The file at {@code file}, an absolute, normalised path. */
    MapNode load(Path file);
}
