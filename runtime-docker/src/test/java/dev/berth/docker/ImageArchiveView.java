package dev.berth.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What a {@code docker save} archive of one image holds, read without any runtime: the image config's
 * {@code config} object and the file tree its layers make (whiteouts applied), one line per path with type, mode,
 * owner and content hash (or link target). Timestamps are left out: they differ between builds by design.
 */
record ImageArchiveView(JsonNode config, Map<String, String> files) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ImageArchiveView read(Path archive) throws IOException {
    Map<String, byte[]> members = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile()) {
          members.put(normalise(e.getName()), tar.readAllBytes());
        }
      }
    }
    JsonNode manifest = JSON.readTree(members.get("manifest.json")).get(0);
    JsonNode config = JSON.readTree(members.get(normalise(manifest.get("Config").asText()))).get("config");
    Map<String, String> files = new TreeMap<>();
    for (JsonNode layer : manifest.get("Layers")) {
      apply(members.get(normalise(layer.asText())), files);
    }
    return new ImageArchiveView(config, files);
  }

  private static void apply(byte[] layer, Map<String, String> files) throws IOException {
    InputStream in = new BufferedInputStream(new ByteArrayInputStream(layer));
    if (layer.length > 2 && (layer[0] & 0xff) == 0x1f && (layer[1] & 0xff) == 0x8b) {
      in = new GZIPInputStream(in);
    }
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String path = "/" + normalise(e.getName());
        String name = path.substring(path.lastIndexOf('/') + 1);
        String dir = path.substring(0, path.lastIndexOf('/'));
        if (name.equals(".wh..wh..opq")) {
          files.keySet().removeIf(p -> p.startsWith(dir + "/"));
          continue;
        }
        if (name.startsWith(".wh.")) {
          String removed = dir + "/" + name.substring(4);
          files.keySet().removeIf(p -> p.equals(removed) || p.startsWith(removed + "/"));
          continue;
        }
        String owner = e.getLongUserId() + ":" + e.getLongGroupId();
        String mode = String.format("%04o", e.getMode() & 07777);
        String what;
        if (e.isDirectory()) {
          what = "dir";
        } else if (e.isSymbolicLink()) {
          what = "symlink -> " + e.getLinkName();
        } else if (e.isLink()) {
          what = "hardlink -> /" + normalise(e.getLinkName());
        } else {
          what = "file sha256:" + sha256(tar.readAllBytes());
        }
        files.put(path.equals("/") ? "/" : path, what + " " + mode + " " + owner);
      }
    }
  }

  private static String normalise(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.startsWith("./") ? n.substring(2) : n.substring(1);
    }
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
