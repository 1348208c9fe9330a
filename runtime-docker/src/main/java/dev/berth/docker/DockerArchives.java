package dev.berth.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads what a {@code docker save} archive tags, from its {@code manifest.json} (the Engine API does not say). */
final class DockerArchives {

    private DockerArchives() {
    }

    static List<ImageRef> repoTags(Path archive) {
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(file)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals("manifest.json")) {
                    List<ImageRef> tags = new ArrayList<>();
                    for (JsonNode image : new ObjectMapper().readTree(tar.readAllBytes())) {
                        image.path("RepoTags").forEach(tag -> tags.add(ImageRef.of(tag.asText())));
                    }
                    return tags;
                }
            }
            throw new NotFoundException("load images", archive.toString(),
                    "not a docker save archive: it has no manifest.json");
        } catch (IOException e) {
            throw new NotFoundException("load images", archive.toString(), "cannot read the archive: " + e.getMessage());
        }
    }
}
