package dev.berth.cli.progress;

import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.plan.PlanStep;
import java.io.PrintWriter;

/**
 * One line per finished step ({@code CreateContainer demo-web-1 done}), failures and warnings with their message,
 * build progress ({@link BuildLines}), pull and push progress ({@link TransferLines}), and a summary; with
 * {@code colour}, marks are green, yellow or red.
 */
final class PlainRenderer implements ProgressRenderer {
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final boolean colour;
    private final TransferLines transfers = new TransferLines();

    PlainRenderer(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public void accept(EngineEvent event) {
        if (event instanceof EngineEvent.StepSucceeded s) {
            line(GREEN, "done", s.step(), "");
        } else if (event instanceof EngineEvent.StepWarning w) {
            line(YELLOW, "warning", w.step(), ": " + w.message());
        } else if (event instanceof EngineEvent.StepFailed f) {
            line(RED, "failed", f.step(), ": " + f.message());
        } else if (event instanceof EngineEvent.StepCancelled c) {
            line(YELLOW, "cancelled", c.step(), ": " + c.reason());
        } else if (event instanceof EngineEvent.BuildProgress b) {
            BuildLines.render(b).ifPresent(out::println);
        } else if (event instanceof EngineEvent.PullProgress || event instanceof EngineEvent.PushProgress) {
            TransferUpdate.of(event).flatMap(transfers::render).ifPresent(out::println);
        } else if (event instanceof EngineEvent.ExecutionFinished f && (f.failed() > 0 || f.cancelled() > 0)) {
            out.println(f.succeeded() + " done, " + f.failed() + " failed, " + f.cancelled() + " cancelled"
                    + (f.interrupted() ? " (interrupted)" : ""));
        }
        out.flush();
    }

    private void line(String ansiColour, String status, PlanStep step, String detail) {
        String mark = colour ? ansiColour + status + RESET : status;
        out.println(step.operation().kind() + " " + step.operation().target() + " " + mark + detail);
    }
}
