package dev.berth.cli.progress;

import dev.berth.engine.event.EngineEvent;
import dev.berth.engine.plan.PlanStep;
import dev.berth.runtime.PullEvent;
import dev.berth.runtime.PushEvent;
import java.util.Optional;

/**
 * A pull or push event in the words Docker uses: a layer ({@code Downloading}, {@code Already exists},
 * {@code Pushed}...) with its bytes, or the image's outcome ({@code Pulled}, {@code Up to date}, {@code Pushed}).
 *
 * @param step    the plan step the transfer belongs to
 * @param image   the image reference
 * @param layer   the layer's short id (12 hex digits); empty for the image's outcome
 * @param label   what happened, as Docker says it
 * @param moving  whether bytes are still moving (the label will change again)
 * @param current bytes done
 * @param total   bytes in all (0 when unknown)
 */
record TransferUpdate(PlanStep step, String image, String layer, String label, boolean moving, long current,
                      long total) {

    boolean isOutcome() {
        return layer.isEmpty();
    }

    /** The update a pull or push event stands for; empty for other events. */
    static Optional<TransferUpdate> of(EngineEvent event) {
        if (event instanceof EngineEvent.PullProgress p) {
            return Optional.of(pull(p.step(), p.event()));
        }
        if (event instanceof EngineEvent.PushProgress p) {
            return Optional.of(push(p.step(), p.event()));
        }
        return Optional.empty();
    }

    private static TransferUpdate pull(PlanStep step, PullEvent e) {
        String image = e.image().value();
        return switch (e.status()) {
            case ALREADY_EXISTS -> layer(step, image, e.id(), "Already exists", false, e.current(), e.total());
            case DOWNLOADING -> layer(step, image, e.id(), "Downloading", true, e.current(), e.total());
            case DOWNLOADED -> layer(step, image, e.id(), "Download complete", false, e.total(), e.total());
            case EXTRACTED -> layer(step, image, e.id(), "Pull complete", false, e.total(), e.total());
            case PULLED -> outcome(step, image, "Pulled");
            case UP_TO_DATE -> outcome(step, image, "Up to date");
        };
    }

    private static TransferUpdate push(PlanStep step, PushEvent e) {
        String image = e.image().value();
        return switch (e.status()) {
            case ALREADY_EXISTS -> layer(step, image, e.id(), "Layer already exists", false, e.current(), e.total());
            case MOUNTED -> layer(step, image, e.id(), "Mounted from another repository", false, e.current(), e.total());
            case UPLOADING -> layer(step, image, e.id(), "Pushing", true, e.current(), e.total());
            case UPLOADED -> layer(step, image, e.id(), "Pushed", false, e.total(), e.total());
            case SKIPPED -> layer(step, image, e.id(), "Skipped foreign layer", false, 0, 0);
            case PUSHED -> outcome(step, image, e.id().isEmpty() ? "Pushed" : "Pushed " + e.id());
        };
    }

    private static TransferUpdate layer(PlanStep step, String image, String id, String label, boolean moving,
                                        long current, long total) {
        return new TransferUpdate(step, image, shortId(id), label, moving, current, total);
    }

    private static TransferUpdate outcome(PlanStep step, String image, String label) {
        return new TransferUpdate(step, image, "", label, false, 0, 0);
    }

    /** A layer digest as Docker shows it: 12 hex digits. */
    static String shortId(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** Bytes as Docker prints them: decimal units, four significant digits ({@code 326.3kB}, {@code 31.37MB}). */
    static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(value).round(new java.math.MathContext(4))
                .stripTrailingZeros();
        return rounded.toPlainString() + units[unit];
    }
}
