package dev.berth.cli.progress;

import dev.berth.engine.event.EngineEvent;
import java.io.PrintWriter;

/**
 * {@code --progress quiet}: no progress, but a failed step still says what failed and why (else a command fails
 * with exit code 1 and nothing to go on, as Docker Compose's quiet mode does not either).
 */
final class QuietRenderer implements ProgressRenderer {
    private final PrintWriter out;

    QuietRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(EngineEvent event) {
        if (event instanceof EngineEvent.StepFailed f) {
            out.println("berth: " + f.step().operation().kind() + " " + f.step().operation().target() + " failed: "
                    + f.message());
            out.flush();
        }
    }
}
