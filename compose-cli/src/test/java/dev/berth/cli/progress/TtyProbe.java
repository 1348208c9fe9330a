package dev.berth.cli.progress;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.LongSupplier;

/** Test access to the tty renderer with a fake clock, and to Docker's size format. */
public final class TtyProbe {
    private final StringWriter out;
    private final LongSupplier clock;

    public TtyProbe(StringWriter out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    public ProgressRenderer renderer() {
        return new TtyRenderer(new PrintWriter(out), false, clock, ProgressRenderer.REDRAW_NANOS);
    }

    public static String size(long bytes) {
        return TransferUpdate.size(bytes);
    }
}
