package dev.berth.embedded.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the mount table of this process ({@code /proc/self/mountinfo}). */
public final class Mounts {
    private Mounts() {
    }

    /** Mount points, unescaped, in mount order. */
    public static List<Path> mountPoints() {
        try {
            List<Path> points = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    points.add(Path.of(unescape(fields[4])));
                }
            }
            return List.copyOf(points);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isMountPoint(Path path) {
        return mountPoints().contains(path.toAbsolutePath().normalize());
    }

    /** Mount points at or below {@code dir}. */
    public static List<Path> mountsUnder(Path dir) {
        Path base = dir.toAbsolutePath().normalize();
        return mountPoints().stream().filter(p -> p.startsWith(base)).toList();
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
