package dev.berth.cli.support;

import dev.berth.engine.compose.LogLine;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints log lines as {@code container | line}, the prefix padded to {@code width}, coloured per service (a fixed
 * palette in order of first appearance) when {@code colour}; optional timestamps; {@code noPrefix} prints lines bare.
 */
public final class LogPrinter implements Consumer<LogLine> {
    private static final String[] PALETTE = {"36", "33", "32", "35", "34", "96", "93", "92", "95", "94"};

    private final PrintWriter out;
    private final boolean colour;
    private final boolean noPrefix;
    private final boolean timestamps;
    private final int width;
    private final Map<String, String> colours = new HashMap<>();

    public LogPrinter(PrintWriter out, boolean colour, boolean noPrefix, boolean timestamps, int width) {
        this.out = out;
        this.colour = colour;
        this.noPrefix = noPrefix;
        this.timestamps = timestamps;
        this.width = width;
    }

    @Override
    public synchronized void accept(LogLine line) {
        StringBuilder text = new StringBuilder();
        if (!noPrefix) {
            String prefix = line.container() + " ".repeat(Math.max(0, width - line.container().length())) + " | ";
            if (colour) {
                String code = colours.computeIfAbsent(line.service(), s -> PALETTE[colours.size() % PALETTE.length]);
                prefix = "\u001b[" + code + "m" + prefix + "\u001b[0m";
            }
            text.append(prefix);
        }
        if (timestamps) {
            text.append(line.entry().timestamp()).append(' ');
        }
        text.append(line.entry().line());
        out.println(text);
        out.flush();
    }
}
