package dev.berth.cli.progress;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pull and push progress as plain lines, prefixed by the image: one when a layer changes state and one at each
 * quarter of its bytes ({@code [redis:7] 4f4fb700ef54 Downloading 7.843MB/31.37MB}), then the image's outcome
 * ({@code [redis:7] Pulled}). Quarters rather than every update keep logs readable.
 */
final class TransferLines {
    private final Map<String, Shown> shown = new HashMap<>();

    private record Shown(String label, int quarter) {
    }

    /** The line {@code update} deserves, if any. */
    Optional<String> render(TransferUpdate update) {
        String prefix = "[" + update.image() + "] ";
        if (update.isOutcome()) {
            return Optional.of(prefix + update.label());
        }
        String key = update.step().id() + "/" + update.layer();
        int quarter = update.moving() && update.total() > 0 ? (int) Math.min(4, update.current() * 4 / update.total())
                : 0;
        Shown before = shown.put(key, new Shown(update.label(), quarter));
        if (before != null && before.label().equals(update.label()) && before.quarter() == quarter) {
            return Optional.empty();
        }
        String bytes = update.total() <= 0 ? ""
                : update.moving() ? " " + TransferUpdate.size(update.current()) + "/" + TransferUpdate.size(update.total())
                : " " + TransferUpdate.size(update.total());
        return Optional.of(prefix + update.layer() + " " + update.label() + bytes);
    }
}
