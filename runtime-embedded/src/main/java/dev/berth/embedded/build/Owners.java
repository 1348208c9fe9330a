package dev.berth.embedded.build;

/** Resolves {@code --chown=user[:group]} (names or ids) against the destination image's /etc/passwd and /etc/group. */
final class Owners {
    private Owners() {
    }

    static CopyPlan.Owner resolve(String spec, RootfsView rootfs, int line) {
        if (spec == null || spec.isEmpty()) {
            return null;
        }
        String[] parts = spec.split(":", 2);
        int uid = id(parts[0], rootfs, "/etc/passwd", line, 2);
        int gid = parts.length == 2 ? id(parts[1], rootfs, "/etc/group", line, 2) : uid;
        return new CopyPlan.Owner(uid, gid);
    }

    private static int id(String name, RootfsView rootfs, String file, int line, int field) {
        if (name.matches("[0-9]+")) {
            return Integer.parseInt(name);
        }
        String content = rootfs.read(file).orElseThrow(() -> new DockerfileException(line,
                "--chown=" + name + " needs " + file + " in the image to resolve the name", "use a numeric id"));
        for (String entry : content.split("\n")) {
            String[] fields = entry.split(":");
            if (fields.length > field && fields[0].equals(name)) {
                return Integer.parseInt(fields[field]);
            }
        }
        throw new DockerfileException(line, "--chown: no " + (file.endsWith("passwd") ? "user" : "group") + " named "
                + name + " in the image's " + file, "add it to " + file + " or use a numeric id");
    }
}
