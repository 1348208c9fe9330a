package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.Filters;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.JsonFields;
import dev.berth.daemon.backing.ResourceViews;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumeSummary;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Volume create, list, inspect and remove. */
final class VolumesHandler {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EngineBacking backing;

    VolumesHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("GET", "/volumes", this::list)
                .on("POST", "/volumes/create", this::create)
                .on("GET", "/volumes/{}", this::inspect)
                .on("DELETE", "/volumes/{}", this::remove);
    }

    private void list(ApiCall call) throws IOException {
        Filters filters = Filters.parse(call.param("filters"));
        ArrayNode volumes = Json.MAPPER.createArrayNode();
        for (VolumeSummary v : backing.runtime().listVolumes(filters.labels())) {
            if (filters.anyOrNone("name", v.name()::contains)) {
                volumes.add(ResourceViews.volume(v, backing.volumesDir()));
            }
        }
        ObjectNode out = Json.object();
        out.set("Volumes", volumes);
        out.set("Warnings", Json.MAPPER.createArrayNode());
        call.json(200, out);
    }

    private void inspect(ApiCall call) throws IOException {
        call.json(200, ResourceViews.volume(backing.runtime().inspectVolume(call.path(0)), backing.volumesDir()));
    }

    private void create(ApiCall call) throws IOException {
        JsonNode body = call.body();
        String name = body.path("Name").asText("");
        if (name.isEmpty()) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            name = HexFormat.of().formatHex(bytes);
        }
        String driver = body.path("Driver").asText("");
        VolumeSummary v;
        try {
            v = backing.runtime().createVolume(new VolumeSpec(name, driver.isEmpty() ? "local" : driver,
                    JsonFields.stringMap(body.path("Labels")), JsonFields.stringMap(body.path("DriverOpts"))));
            backing.publish().volume("create", v.name());
        } catch (dev.berth.runtime.ConflictException exists) {
            // dockerd answers a create of an existing volume with that volume
            v = backing.runtime().inspectVolume(name);
        }
        call.json(201, ResourceViews.volume(v, backing.volumesDir()));
    }

    private void remove(ApiCall call) throws IOException {
        backing.runtime().removeVolume(call.path(0), call.flag("force"));
        backing.publish().volume("destroy", call.path(0));
        call.noContent();
    }
}
