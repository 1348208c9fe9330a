package dev.berth.daemon.backing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /images/{name}/history} as dockerd answers it: newest first, one entry per history entry of the image's
 * configuration, the size of the layer it made (0 for configuration-only ones); the newest carries the image's id and
 * tags, the older ones {@code <missing>} (they are not images of their own here). An image whose configuration has no
 * history shows one entry per layer.
 */
public final class ImageHistoryView {
    private static final String MISSING = "<missing>";

    private ImageHistoryView() {
    }

    public static ArrayNode of(Image image) {
        List<ImageConfig.History> history = image.config().historyEntries();
        if (history.isEmpty()) {
            history = image.layers().stream().map(l -> ImageConfig.History.of("", false)).toList();
        }
        List<ObjectNode> oldestFirst = new ArrayList<>();
        int layer = 0;
        for (ImageConfig.History entry : history) {
            long size = 0;
            if (!entry.isEmptyLayer() && layer < image.layers().size()) {
                Descriptor d = image.layers().get(layer++);
                size = d.size();
            }
            ObjectNode out = Json.object();
            out.put("Id", MISSING);
            out.put("Created", epochSeconds(entry.created(), image.config().createdAt()));
            out.put("CreatedBy", entry.createdBy() == null ? "" : entry.createdBy());
            out.putNull("Tags");
            out.put("Size", size);
            out.put("Comment", entry.comment() == null ? "" : entry.comment());
            oldestFirst.add(out);
        }
        ArrayNode answer = Json.MAPPER.createArrayNode();
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            answer.add(oldestFirst.get(i));
        }
        if (!answer.isEmpty()) {
            ObjectNode newest = (ObjectNode) answer.get(0);
            newest.put("Id", image.id().toString());
            ArrayNode tags = newest.putArray("Tags");
            image.tags().forEach(tags::add);
        }
        return answer;
    }

    private static long epochSeconds(String created, Instant fallback) {
        if (created != null && !created.isBlank()) {
            try {
                return Instant.parse(created).getEpochSecond();
            } catch (DateTimeParseException e) {
                // Docker's zero time below
            }
        }
        return fallback.getEpochSecond();
    }
}
