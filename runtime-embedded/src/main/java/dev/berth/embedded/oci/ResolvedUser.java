package dev.berth.embedded.oci;

import java.util.List;

/** A user resolved against a container's /etc/passwd and /etc/group. */
public record ResolvedUser(int uid, int gid, List<Integer> additionalGids, String home) {
    public ResolvedUser {
        additionalGids = List.copyOf(additionalGids);
    }
}
