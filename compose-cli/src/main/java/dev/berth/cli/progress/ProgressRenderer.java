package dev.berth.cli.progress;

import dev.berth.engine.event.EngineEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Renders engine events on a writer; {@link #forMode} picks the renderer for a mode. */
public interface ProgressRenderer extends Consumer<EngineEvent> {
    /** How often the tty renderer redraws running transfers at most. */
    long REDRAW_NANOS = 100_000_000L;

    /**
     * The renderer for {@code mode} ({@code null}: {@code COMPOSE_PROGRESS}, else auto); auto is tty when
     * {@code interactive}, else plain. {@code ansi} is {@code never}, {@code always} or {@code auto}.
     */
    static ProgressRenderer forMode(ProgressMode mode, String ansi, Map<String, String> env, boolean interactive,
            PrintWriter out) {
        ProgressMode chosen = mode;
        if (chosen == null && env.containsKey("COMPOSE_PROGRESS")) {
            chosen = ProgressMode.valueOf(env.get("COMPOSE_PROGRESS").trim().toUpperCase(Locale.ROOT));
        }
        if (chosen == null || chosen == ProgressMode.AUTO) {
            chosen = interactive ? ProgressMode.TTY : ProgressMode.PLAIN;
        }
        String when = ansi == null ? env.getOrDefault("COMPOSE_ANSI", "auto") : ansi;
        boolean colour = when.equals("always") || (when.equals("auto") && interactive);
        switch (chosen) {
            case JSON:
                return new JsonRenderer(out);
            case QUIET:
                return new QuietRenderer(out);
            case TTY:
                return new TtyRenderer(out, colour, System::nanoTime, REDRAW_NANOS);
            default:
                return new PlainRenderer(out, colour && chosen != ProgressMode.PLAIN);
        }
    }
}
