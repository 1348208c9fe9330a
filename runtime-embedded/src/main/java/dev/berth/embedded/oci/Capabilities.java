package dev.berth.embedded.oci;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Linux capabilities: Docker's 14 defaults, {@code cap_add}/{@code cap_drop} (incl. {@code ALL}), privileged. */
public final class Capabilities {
    /** All capabilities by number (index = capability number). */
    public static final List<String> ALL = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    /** Docker's default set (moby oci/caps/defaults.go). */
    public static final List<String> DOCKER_DEFAULTS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private Capabilities() {
    }

    /** The effective set for a container, restricted to what this process's bounding set allows. */
    public static List<String> forContainer(ContainerConfig config, HostLimits host) {
        Set<String> caps = new LinkedHashSet<>();
        if (config.privileged()) {
            caps.addAll(ALL);
        } else {
            List<String> drop = config.capDrop().stream().map(Capabilities::normalize).toList();
            List<String> add = config.capAdd().stream().map(Capabilities::normalize).toList();
            if (!drop.contains("CAP_ALL")) {
                caps.addAll(DOCKER_DEFAULTS);
            }
            caps.removeAll(drop);
            if (add.contains("CAP_ALL")) {
                caps.addAll(ALL);
            } else {
                for (String cap : add) {
                    if (!ALL.contains(cap)) {
                        throw new IllegalArgumentException("unknown capability " + cap + " in cap_add");
                    }
                    caps.add(cap);
                }
            }
        }
        List<String> allowed = new ArrayList<>();
        for (String cap : caps) {
            int number = ALL.indexOf(cap);
            if (number >= 0 && host.hasCapability(number)) {
                allowed.add(cap);
            }
        }
        return List.copyOf(allowed);
    }

    /** The CapEff bit mask of a capability list, as /proc/PID/status shows it. */
    public static long mask(List<String> caps) {
        long mask = 0;
        for (String cap : caps) {
            mask |= 1L << ALL.indexOf(normalize(cap));
        }
        return mask;
    }

    static String normalize(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    }
}
