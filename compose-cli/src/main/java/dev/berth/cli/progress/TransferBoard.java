package dev.berth.cli.progress;

import dev.berth.engine.plan.PlanStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live view of running pulls and pushes on a terminal, as {@code docker compose} draws it: per image a line, and
 * below it a line per layer with a progress bar while its bytes move. It is drawn at the bottom of the output and
 * redrawn in place; a transfer whose step finished is drawn one last time and left in the scrollback.
 */
final class TransferBoard {
    private static final int BAR = 30;
    private final Map<Integer, Transfer> active = new LinkedHashMap<>();

    /** One image's transfer: its latest update per layer, in order of first appearance. */
    private static final class Transfer {
        final String image;
        final boolean push;
        final Map<String, TransferUpdate> layers = new LinkedHashMap<>();
        String outcome;

        Transfer(String image, boolean push) {
            this.image = image;
            this.push = push;
        }
    }

    /** Records {@code update}; true when it changed what a line says (more than its bytes). */
    boolean apply(TransferUpdate update) {
        Transfer t = active.computeIfAbsent(update.step().id(), id -> new Transfer(update.image(),
                update.step().operation() instanceof dev.berth.engine.plan.Operation.PushImage));
        if (update.isOutcome()) {
            t.outcome = update.label();
            return true;
        }
        TransferUpdate before = t.layers.put(update.layer(), update);
        return before == null || !before.label().equals(update.label());
    }

    boolean isEmpty() {
        return active.isEmpty();
    }

    boolean contains(PlanStep step) {
        return active.containsKey(step.id());
    }

    /** Takes {@code step}'s transfer off the board; returns its lines in their final state. */
    List<String> finish(PlanStep step) {
        Transfer t = active.remove(step.id());
        return t == null ? List.of() : lines(t);
    }

    /** Every line of the board as it stands. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        active.values().forEach(t -> out.addAll(lines(t)));
        return out;
    }

    private static List<String> lines(Transfer t) {
        List<String> out = new ArrayList<>();
        long done = t.layers.values().stream().filter(u -> !u.moving()).count();
        String state = t.outcome != null ? t.outcome : (t.push ? "Pushing" : "Pulling");
        out.add(" " + t.image + " " + state + " " + done + "/" + t.layers.size() + " layers");
        for (TransferUpdate layer : t.layers.values()) {
            StringBuilder line = new StringBuilder("   ").append(layer.layer()).append(' ').append(layer.label());
            if (layer.moving() && layer.total() > 0) {
                line.append(' ').append(bar(layer.current(), layer.total())).append(' ')
                        .append(TransferUpdate.size(layer.current())).append('/')
                        .append(TransferUpdate.size(layer.total()));
            }
            out.add(line.toString());
        }
        return out;
    }

    /** Docker's bar: {@code [=====>        ]}. */
    static String bar(long current, long total) {
        int filled = (int) Math.min(BAR, current * BAR / Math.max(1, total));
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < BAR; i++) {
            sb.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        return sb.append(']').toString();
    }
}
