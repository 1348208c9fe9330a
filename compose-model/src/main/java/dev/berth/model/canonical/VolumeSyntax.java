package dev.berth.model.canonical;

import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The short volume syntax {@code [SOURCE:]TARGET[:MODE]} turned into the long form
 * {@code {type, source?, target, read_only?, bind?: {propagation?, create_host_path: true, selinux?}, volume?: {nocopy?}}}.
 * A source starting with {@code .}, {@code /}, {@code ~} or a drive letter is a bind mount, any other source a named
 * volume, no source an anonymous volume. Unknown mode options are ignored.
 */
final class VolumeSyntax {

    private static final Set<String> PROPAGATION = Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");

    private VolumeSyntax() {
    }

    static MapNode parse(String spec, Location at) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("invalid empty volume spec");
        }
        List<String> parts = split(spec);
        if (parts.size() > 3) {
            throw new IllegalArgumentException("invalid spec: " + spec + ": too many colons");
        }
        String source = parts.size() == 1 ? "" : parts.get(0);
        String target = parts.size() == 1 ? parts.get(0) : parts.get(1);
        String mode = parts.size() == 3 ? parts.get(2) : "";
        boolean bind = isBindPath(source);
        Nodes.MapBuilder out = new Nodes.MapBuilder(at).put("type", bind ? "bind" : "volume");
        if (!source.isEmpty()) {
            out.put("source", source);
        }
        out.put("target", cleanPath(target));
        boolean readOnly = false;
        String propagation = null;
        String selinux = null;
        boolean nocopy = false;
        for (String option : mode.split(",")) {
            switch (option) {
                case "ro" -> readOnly = true;
                case "rw" -> readOnly = false;
                case "z", "Z" -> selinux = option;
                case "nocopy" -> nocopy = true;
                default -> {
                    if (PROPAGATION.contains(option)) {
                        propagation = option;
                    }
                }
            }
        }
        if (readOnly) {
            out.put("read_only", true);
        }
        if (bind) {
            Nodes.MapBuilder b = new Nodes.MapBuilder(at);
            if (propagation != null) {
                b.put("propagation", propagation);
            }
            b.put("create_host_path", true);
            if (selinux != null) {
                b.put("selinux", selinux);
            }
            out.put("bind", b.build());
        } else {
            Nodes.MapBuilder b = new Nodes.MapBuilder(at);
            if (nocopy) {
                b.put("nocopy", true);
            }
            out.put("volume", b.build());
        }
        return out.build();
    }

    static boolean isBindPath(String source) {
        return source.startsWith(".") || source.startsWith("/") || source.startsWith("~") || isWindowsPath(source)
                || source.startsWith("\\\\");
    }

    private static boolean isWindowsPath(String s) {
        return s.length() >= 3 && Character.isLetter(s.charAt(0)) && s.charAt(1) == ':'
                && (s.charAt(2) == '\\' || s.charAt(2) == '/');
    }

    private static List<String> split(String spec) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            boolean driveColon = c == ':' && current.length() == 1 && Character.isLetter(current.charAt(0))
                    && i + 1 < spec.length() && (spec.charAt(i + 1) == '\\' || spec.charAt(i + 1) == '/');
            if (c == ':' && !driveColon) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** Lexical clean of a container path: collapse {@code //}, drop {@code .}, resolve {@code ..}, no trailing slash. */
    static String cleanPath(String path) {
        if (path.isEmpty() || !path.startsWith("/")) {
            return path;
        }
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(part);
            }
        }
        return "/" + String.join("/", out);
    }
}
