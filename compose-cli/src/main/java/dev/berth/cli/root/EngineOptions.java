package dev.berth.cli.root;

import dev.berth.cli.progress.ProgressMode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The engine flags every command shares, declared once on the root and inherited like {@link ProjectOptions}. */
public final class EngineOptions {

    @Option(scope = ScopeType.INHERIT, names = "--dry-run", description = "Print the plan instead of executing it")
    boolean dryRun;

    @Option(scope = ScopeType.INHERIT, names = "--parallel", paramLabel = "N", description = "Most runtime calls in flight (default: COMPOSE_PARALLEL_LIMIT, else the runtime's: 16 for docker, 3 per core for the embedded engine)")
    Integer parallel;

    @Option(scope = ScopeType.INHERIT, names = "--runtime", paramLabel = "NAME", description = "Container runtime to use (default: BERTH_RUNTIME, else the first usable)")
    String runtime;

    @Option(scope = ScopeType.INHERIT, names = "--progress", paramLabel = "MODE", description = "Progress output: auto, tty, plain, json, quiet (default: COMPOSE_PROGRESS or auto)")
    ProgressMode progress;

    @Option(scope = ScopeType.INHERIT, names = "--ansi", paramLabel = "WHEN", description = "Control characters: never, always, auto")
    String ansi;

    public boolean dryRun() {
        return dryRun;
    }

    /** {@code --parallel}, else {@code COMPOSE_PARALLEL_LIMIT}, else {@code runtimeDefault} (the runtime's choice). */
    public int parallel(java.util.Map<String, String> env, int runtimeDefault) {
        if (parallel != null) {
            return Math.max(1, parallel);
        }
        String limit = env.get("COMPOSE_PARALLEL_LIMIT");
        try {
            return limit == null ? runtimeDefault : Math.max(1, Integer.parseInt(limit.trim()));
        } catch (NumberFormatException e) {
            return runtimeDefault;
        }
    }

    public String runtime() {
        return runtime;
    }

    public ProgressMode progress() {
        return progress;
    }

    public String ansi() {
        return ansi;
    }
}
