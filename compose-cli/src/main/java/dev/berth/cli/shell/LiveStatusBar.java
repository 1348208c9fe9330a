package dev.berth.cli.shell;

import dev.berth.runtime.EventSubscription;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * The status bar at the bottom of the shell, kept current by a background thread: it asks the {@link StackStatus}
 * every {@link #PERIOD} and right after each runtime event of the project, and redraws the bar (JLine's
 * {@link Status}) when the line changed. While the prompt waits, the bar is drawn inside the line reader (a widget,
 * under the reader's lock, so the line being edited stays intact); while a command runs, between the writes of the
 * command, which go through {@link #output()}; at other moments the next refresh draws it.
 */
final class LiveStatusBar implements AutoCloseable {
    static final Duration PERIOD = Duration.ofSeconds(2);
    private static final String REDRAW_WIDGET = "berth-status-redraw";

    private final Terminal terminal;
    private final LineReader reader;
    private final Object screen = new Object();
    private final PrintWriter output;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "berth-shell-status");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile StackStatus status;
    private Optional<EventSubscription> events = Optional.empty();
    // guarded by screen: whether a command runs, the line on the bar, the line the redraw widget is to draw
    private boolean commandRunning;
    private String shown = "";
    private String pending = "";

    LiveStatusBar(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
        this.output = new PrintWriter(new ScreenWriter(terminal.writer(), screen));
        reader.getWidgets().put(REDRAW_WIDGET, () -> {
            draw(pending);
            return true;
        });
    }

    /** Where the shell and its commands write: one write at a time, never in the middle of drawing the bar. */
    PrintWriter output() {
        return output;
    }

    /**
     * Shows {@code next} from now on: draws its line at once (on the calling thread, which is not reading a line),
     * follows its events and, from the first call on, polls it every {@link #PERIOD}.
     */
    void follow(StackStatus next) {
        events.ifPresent(EventSubscription::close);
        String line = next.line();
        synchronized (screen) {
            draw(line);
        }
        boolean first = status == null;
        status = next;
        events = next.watch(this::refreshSoon);
        if (first) {
            refresher.scheduleWithFixedDelay(this::refresh, PERIOD.toMillis(), PERIOD.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Redraws the bar now, from the calling thread, which is not reading a line. */
    void redraw() {
        String line = status.line();
        synchronized (screen) {
            draw(line);
        }
    }

    /** Runs {@code command}, the bar being redrawn between its writes; returns its exit code. */
    int whileCommandRuns(IntSupplier command) {
        synchronized (screen) {
            commandRunning = true;
        }
        try {
            return command.getAsInt();
        } finally {
            synchronized (screen) {
                commandRunning = false;
            }
        }
    }

    private void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            refresher.execute(this::refresh);
        }
    }

    private void refresh() {
        refreshQueued.set(false);
        String line = status.line();
        synchronized (screen) {
            if (line.equals(shown)) {
                return;
            }
            if (commandRunning) {
                draw(line);
                return;
            }
            pending = line;
            try {
                reader.callWidget(REDRAW_WIDGET);
            } catch (IllegalStateException notReading) {
                // between a command and the next prompt: the next refresh draws it
            }
        }
    }

    private void draw(String line) {
        Status bar = Status.getStatus(terminal);
        if (bar != null) {
            bar.update(List.of(new AttributedString(line)));
        }
        shown = line;
    }

    /** Stops following the stack and the refresher thread. */
    @Override
    public void close() {
        events.ifPresent(EventSubscription::close);
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.flush();
    }

    /** Passes writes to the terminal one at a time, holding the screen lock the bar is drawn under. */
    private static final class ScreenWriter extends Writer {
        private final Writer terminal;

        ScreenWriter(Writer terminal, Object screen) {
            super(screen);
            this.terminal = terminal;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            synchronized (lock) {
                terminal.write(chars, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (lock) {
                terminal.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
