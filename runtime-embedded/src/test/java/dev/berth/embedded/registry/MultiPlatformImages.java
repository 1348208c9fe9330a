package dev.berth.embedded.registry;

import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.image.Manifest;
import dev.berth.embedded.image.MediaTypes;
import dev.berth.embedded.image.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Serves an OCI index with one single-layer image per platform; each layer's bytes name its platform. */
final class MultiPlatformImages {
    private MultiPlatformImages() {
    }

    static byte[] serve(FakeRegistry registry, String repository, String tag, Map<Platform, String> layers) {
        List<Descriptor> entries = new ArrayList<>();
        layers.forEach((platform, content) -> {
            byte[] layer = content.getBytes(StandardCharsets.UTF_8);
            byte[] config = ("{\"architecture\":\"" + platform.architecture() + "\",\"os\":\"linux\",\"rootfs\":"
                    + "{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
            byte[] manifest = Json.write(Manifest.image(MediaTypes.OCI_MANIFEST,
                    Descriptor.of(MediaTypes.OCI_CONFIG, Digest.of(config), config.length),
                    List.of(Descriptor.of(MediaTypes.OCI_LAYER, Digest.of(layer), layer.length))));
            registry.serve(repository + "/blobs/" + Digest.of(layer), "application/octet-stream", layer);
            registry.serve(repository + "/blobs/" + Digest.of(config), "application/octet-stream", config);
            registry.serve(repository + "/manifests/" + Digest.of(manifest), MediaTypes.OCI_MANIFEST, manifest);
            entries.add(new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(manifest).toString(), manifest.length,
                    platform, null));
        });
        byte[] index = Json.write(new Manifest(2, MediaTypes.OCI_INDEX, null, null, entries));
        registry.serve(repository + "/manifests/" + tag, MediaTypes.OCI_INDEX, index);
        return index;
    }
}
