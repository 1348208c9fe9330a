package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.Filters;
import dev.berth.daemon.backing.ImageHistoryView;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.ResourceViews;
import dev.berth.embedded.image.Image;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.ImageSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Image list, inspect, history, tag, remove, and archives in {@code docker save} format (load and get); pulls and pushes are
 * {@link ImageTransfersHandler}'s.
 */
final class ImagesHandler {
    private final EngineBacking backing;

    ImagesHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("GET", "/images/json", this::list)
                .on("POST", "/images/load", this::load)
                .on("GET", "/images/get", this::get)
                .on("GET", "/images/{*}/json", this::inspect)
                .on("GET", "/images/{*}/history", this::history)
                .on("GET", "/images/{*}/get", this::get)
                .on("POST", "/images/{*}/tag", this::tag)
                .on("DELETE", "/images/{*}", this::remove);
    }

    /** {@code GET /images/json}, with the {@code dangling} and {@code label} filters. */
    private void list(ApiCall call) throws IOException {
        Filters filters = Filters.parse(call.param("filters"));
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ImageSummary i : backing.runtime().listImages()) {
            boolean dangling = i.tags().isEmpty();
            if (filters.anyOrNone("dangling", v -> truth("dangling", v) == dangling)
                    && filters.labels().matches(i.labels())) {
                out.add(ResourceViews.imageListEntry(i));
            }
        }
        call.json(200, out);
    }

    /** A boolean filter value as dockerd reads it ({@code true}/{@code 1}, {@code false}/{@code 0}). */
    static boolean truth(String filter, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badRequest("filters: " + filter + ": '" + value + "' is not true or false");
        };
    }

    private void inspect(ApiCall call) throws IOException {
        ImageSummary i = backing.runtime().inspectImage(ImageRef.of(call.path(0)));
        call.json(200, ResourceViews.image(i, backing.imageDefaults(i.id())));
    }

    /** {@code GET /images/{name}/history}: newest first, as {@code docker history} shows it. */
    private void history(ApiCall call) throws IOException {
        ImageSummary i = backing.runtime().inspectImage(ImageRef.of(call.path(0)));
        Image image = backing.engine().images().find(i.id())
                .orElseThrow(() -> ApiException.notFound("No such image: " + call.path(0)));
        call.json(200, ImageHistoryView.of(image));
    }

    private void tag(ApiCall call) throws IOException {
        String repo = call.param("repo").filter(r -> !r.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("repo: the repository to tag into is missing"));
        String tag = call.param("tag").filter(t -> !t.isEmpty()).orElse("latest");
        backing.runtime().tagImage(ImageRef.of(call.path(0)), ImageRef.of(repo + ":" + tag));
        backing.publish().image("tag", repo + ":" + tag);
        call.json(201, Json.object());
    }

    private void remove(ApiCall call) throws IOException {
        ImageRef ref = ImageRef.of(call.path(0));
        ImageSummary before = backing.runtime().inspectImage(ref);
        backing.runtime().removeImage(ref, call.flag("force"));
        ArrayNode out = Json.MAPPER.createArrayNode();
        List<String> untagged = new ArrayList<>(before.tags());
        try {
            untagged.removeAll(backing.runtime().inspectImage(ImageRef.of(before.id())).tags());
        } catch (dev.berth.runtime.NotFoundException gone) {
            out.add(Json.object().put("Deleted", before.id()));
        }
        untagged.forEach(t -> out.insert(0, Json.object().put("Untagged", t)));
        untagged.forEach(t -> backing.publish().image("untag", t));
        if (out.size() > untagged.size()) {
            backing.publish().image("delete", before.id());
        }
        call.json(200, out);
    }

    private void load(ApiCall call) throws IOException {
        Path archive = Files.createTempFile(backing.root().toAbsolutePath(), "load-", ".tar");
        try {
            try (InputStream in = call.request().body()) {
                Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
            }
            List<ImageRef> loaded = backing.runtime().loadImages(archive);
            StringBuilder out = new StringBuilder();
            for (ImageRef ref : loaded) {
                backing.publish().image("load", ref.value());
                out.append(Json.MAPPER.writeValueAsString(Json.object().put("stream", "Loaded image: " + ref.value()
                        + "\n"))).append('\n');
            }
            call.exchange().respond(200, "application/json", out.toString().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private void get(ApiCall call) throws IOException {
        List<ImageRef> images = new ArrayList<>();
        if (!call.captured().isEmpty()) {
            images.add(ImageRef.of(call.path(0)));
        }
        call.request().query().getOrDefault("names", List.of()).forEach(n -> images.add(ImageRef.of(n)));
        if (images.isEmpty()) {
            throw ApiException.badRequest("names: no image to export");
        }
        Path archive = Files.createTempFile(backing.root().toAbsolutePath(), "save-", ".tar");
        try {
            backing.runtime().saveImages(images, archive);
            try (OutputStream out = call.exchange().stream(200, "application/x-tar")) {
                Files.copy(archive, out);
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }
}
