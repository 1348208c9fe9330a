package dev.berth.embedded.oci;

import dev.berth.embedded.image.ScopedPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code user[:group]} (names or numbers) against the container root's own /etc/passwd and /etc/group,
 * as Docker does: names must exist, numbers may be absent (then gid 0 and home /), supplementary groups come from
 * /etc/group membership plus {@code group_add}.
 */
public final class UserResolver {
    private final List<String[]> passwd;
    private final List<String[]> group;

    public UserResolver(Path rootfs) {
        this.passwd = read(rootfs, "/etc/passwd");
        this.group = read(rootfs, "/etc/group");
    }

    public ResolvedUser resolve(String spec, List<String> groupAdd) {
        String userPart = spec == null || spec.isEmpty() ? "0" : spec;
        String groupPart = null;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            groupPart = userPart.substring(colon + 1);
            userPart = userPart.substring(0, colon);
        }
        final String wanted = userPart;
        Optional<String[]> entry = passwd.stream().filter(e -> e.length >= 6
                && (e[0].equals(wanted) || e[2].equals(wanted))).findFirst();
        final String userName;
        int uid;
        int gid;
        String home;
        if (entry.isPresent()) {
            userName = entry.get()[0];
            uid = Integer.parseInt(entry.get()[2]);
            gid = Integer.parseInt(entry.get()[3]);
            home = entry.get()[5];
        } else if (isNumber(userPart)) {
            userName = null;
            uid = Integer.parseInt(userPart);
            gid = 0;
            home = "/";
        } else {
            throw new IllegalArgumentException("unable to find user " + userPart
                    + ": no matching entries in passwd file (use a numeric uid or add the user to the image)");
        }
        if (groupPart != null) {
            gid = groupId(groupPart);
        }
        Set<Integer> extra = new LinkedHashSet<>();
        extra.add(gid);
        if (userName != null && groupPart == null) {
            for (String[] g : group) {
                if (g.length >= 4 && List.of(g[3].split(",")).contains(userName)) {
                    int id = Integer.parseInt(g[2]);
                    extra.add(id);
                }
            }
        }
        for (String added : groupAdd) {
            extra.add(groupId(added));
        }
        return new ResolvedUser(uid, gid, new ArrayList<>(extra), home);
    }

    private int groupId(String nameOrId) {
        for (String[] g : group) {
            if (g.length >= 3 && (g[0].equals(nameOrId) || g[2].equals(nameOrId))) {
                return Integer.parseInt(g[2]);
            }
        }
        if (isNumber(nameOrId)) {
            return Integer.parseInt(nameOrId);
        }
        throw new IllegalArgumentException("unable to find group " + nameOrId
                + ": no matching entries in group file (use a numeric gid or add the group to the image)");
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    private static List<String[]> read(Path rootfs, String file) {
        Path path = ScopedPath.resolveInRootfs(rootfs, file);
        if (!Files.isRegularFile(path)) {
            return List.of();
        }
        try {
            return Files.readAllLines(path).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(":", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
