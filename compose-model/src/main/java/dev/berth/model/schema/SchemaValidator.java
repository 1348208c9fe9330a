package dev.berth.model.schema;

import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Node;
import java.util.Comparator;
import java.util.List;
import org.everit.json.schema.ValidationException;

/**
 * Checks one Compose file's node tree against Berth's Compose schema ({@code schemas/compose-spec.json}) and
 * reports every violation as a {@link Problem} located at the offending node or key. The schema is compiled once
 * per JVM, on first use. Instances hold no state and are safe to share.
 */
public final class SchemaValidator {

    private static final Comparator<Problem> IN_FILE_ORDER = Comparator
            .comparingInt((Problem p) -> p.location().line())
            .thenComparingInt(p -> p.location().column())
            .thenComparing(Problem::path);

    /**
     * All schema problems of a Compose file, in document order of discovery; empty when the file is valid.
     * Works before interpolation ({@code ${VAR}} is accepted where a number or boolean is expected) and after.
     */
    public List<Problem> validate(Node root) {
        try {
            CompiledSchema.get().validate(JsonTree.of(root));
            return List.of();
        } catch (ValidationException e) {
            ProblemWriter writer = new ProblemWriter(root);
            return ViolationFlattener.flatten(e).stream().map(writer::write).sorted(IN_FILE_ORDER).toList();
        }
    }

    /**
     * Starts compiling the schema on a background daemon thread, so that a front end can overlap it with reading
     * and interpolating files; the first {@link #validate} then waits for it only if it is not done yet.
     */
    public static void preloadInBackground() {
        Thread loader = new Thread(CompiledSchema::get, "berth-schema-preload");
        loader.setDaemon(true);
        loader.start();
    }

    /** Compiles the schema now (if not done yet) and returns how long compiling took, in milliseconds. */
    public static double warmUp() {
        return CompiledSchema.loadNanos() / 1_000_000.0;
    }
}
