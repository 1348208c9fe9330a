package dev.berth.embedded.shim;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The pseudo-terminal of an exec with a TTY, to resize from another thread while it runs (what
 * {@code POST /exec/{id}/resize} does). A size set before the process has its terminal is applied when it gets it.
 */
public final class ExecTerminal {
    private Path control;
    private int rows;
    private int cols;
    private boolean ended;

    /** Sets the terminal's size in characters; ignored once the process ended. */
    public synchronized void resize(int rows, int cols) throws IOException {
        if (rows < 0 || cols < 0 || rows > 65535 || cols > 65535) {
            throw new IllegalArgumentException("a terminal size is 0 to 65535 rows and columns, not " + rows + "x"
                    + cols);
        }
        this.rows = rows;
        this.cols = cols;
        if (control != null && !ended) {
            ShimControl.resize(control, rows, cols);
        }
    }

    /** The size asked for so far, [rows, columns] (0, 0 when none): the terminal starts with it. */
    public synchronized int[] size() {
        return new int[] {rows, cols};
    }

    /** The shim of this exec listens on {@code socket} now: a size asked for before is sent. */
    synchronized void bind(Path socket) throws IOException {
        this.control = socket;
        if (rows > 0 || cols > 0) {
            ShimControl.resize(control, rows, cols);
        }
    }

    synchronized void end() {
        ended = true;
    }
}
