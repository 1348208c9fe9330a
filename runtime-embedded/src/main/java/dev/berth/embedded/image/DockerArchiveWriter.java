package dev.berth.embedded.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes images as a {@code docker save} archive: {@code manifest.json}, {@code <id>.json}, {@code <diffID>/layer.tar}. */
final class DockerArchiveWriter {
    private final ImageStore store;

    DockerArchiveWriter(ImageStore store) {
        this.store = store;
    }

    void write(List<String> references, Path archive) {
        Map<Digest, List<String>> tagsById = new LinkedHashMap<>();
        Map<Digest, Image> images = new LinkedHashMap<>();
        for (String reference : references) {
            Image image = store.resolve(reference);
            images.putIfAbsent(image.id(), image);
            List<String> tags = tagsById.computeIfAbsent(image.id(), id -> new ArrayList<>());
            if (!reference.startsWith("sha256:") && !reference.matches("[0-9a-f]{4,64}")) {
                tags.add(ImageReference.normalize(reference));
            }
        }
        Set<Digest> written = new HashSet<>();
        List<Map<String, Object>> manifest = new ArrayList<>();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Image image : images.values()) {
                String configName = image.id().hex() + ".json";
                addBytes(tar, configName, store.blobs().read(image.id()));
                List<String> layerNames = new ArrayList<>();
                for (int i = 0; i < image.layers().size(); i++) {
                    Digest diffId = image.diffIds().get(i);
                    String name = diffId.hex() + "/layer.tar";
                    layerNames.add(name);
                    if (written.add(diffId)) {
                        addLayer(tar, name, image.layers().get(i).parsedDigest());
                    }
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("Config", configName);
                entry.put("RepoTags", tagsById.get(image.id()));
                entry.put("Layers", layerNames);
                manifest.add(entry);
            }
            addBytes(tar, "manifest.json", Json.write(manifest));
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addLayer(TarArchiveOutputStream tar, String name, Digest blob) throws IOException {
        Path plain = Files.createTempFile(store.ingestDir(), "layer", ".tar");
        try {
            try (InputStream in = Compression.decompressed(store.blobs().open(blob));
                 OutputStream out = Files.newOutputStream(plain)) {
                in.transferTo(out);
            }
            TarArchiveEntry dir = new TarArchiveEntry(name.substring(0, name.indexOf('/') + 1));
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(plain));
            tar.putArchiveEntry(entry);
            Files.copy(plain, tar);
            tar.closeArchiveEntry();
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    private static void addBytes(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
