package dev.berth.cli.progress;

import dev.berth.engine.event.EngineEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The terminal renderer: step lines as the plain renderer prints them (coloured when asked), and running pulls and
 * pushes as a {@link TransferBoard} kept at the bottom and redrawn in place: whenever a line changes what it says,
 * and for moving bytes at most every {@code redrawNanos}. Before any other line is printed the board is erased, and drawn again after.
 */
final class TtyRenderer implements ProgressRenderer {
    private static final String UP = "\u001b[%dA";
    private static final String ERASE_BELOW = "\u001b[J";
    private final PrintWriter out;
    private final PlainRenderer lines;
    private final TransferBoard board = new TransferBoard();
    private final LongSupplier nanoTime;
    private final long redrawNanos;
    private int drawn;
    private long lastDraw = Long.MIN_VALUE;

    TtyRenderer(PrintWriter out, boolean colour, LongSupplier nanoTime, long redrawNanos) {
        this.out = out;
        this.lines = new PlainRenderer(out, colour);
        this.nanoTime = nanoTime;
        this.redrawNanos = redrawNanos;
    }

    @Override
    public void accept(EngineEvent event) {
        Optional<TransferUpdate> update = TransferUpdate.of(event);
        if (update.isPresent()) {
            boolean changedState = board.apply(update.get());
            long now = nanoTime.getAsLong();
            if (changedState || lastDraw == Long.MIN_VALUE || now - lastDraw >= redrawNanos) {
                redraw();
                lastDraw = now;
            }
            return;
        }
        List<String> finished = List.of();
        if (event instanceof EngineEvent.StepSucceeded s && board.contains(s.step())) {
            finished = board.finish(s.step());
        } else if (event instanceof EngineEvent.StepFailed f && board.contains(f.step())) {
            finished = board.finish(f.step());
        }
        erase();
        finished.forEach(out::println);
        lines.accept(event);
        redraw();
    }

    private void redraw() {
        erase();
        List<String> now = board.lines();
        now.forEach(out::println);
        drawn = now.size();
        out.flush();
    }

    private void erase() {
        if (drawn > 0) {
            out.print(String.format(UP, drawn) + "\r" + ERASE_BELOW);
            drawn = 0;
        }
    }
}
