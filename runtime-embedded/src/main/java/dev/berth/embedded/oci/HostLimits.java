package dev.berth.embedded.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this process may hand to containers: its hard rlimits (no CAP_SYS_RESOURCE means a container cannot get
 * more) and its capability bounding set.
 */
public record HostLimits(Map<String, Long> hardLimits, long boundingCaps) {
    private static final Map<String, String> LIMIT_NAMES = Map.ofEntries(
            Map.entry("Max cpu time", "RLIMIT_CPU"), Map.entry("Max file size", "RLIMIT_FSIZE"),
            Map.entry("Max data size", "RLIMIT_DATA"), Map.entry("Max stack size", "RLIMIT_STACK"),
            Map.entry("Max core file size", "RLIMIT_CORE"), Map.entry("Max resident set", "RLIMIT_RSS"),
            Map.entry("Max processes", "RLIMIT_NPROC"), Map.entry("Max open files", "RLIMIT_NOFILE"),
            Map.entry("Max locked memory", "RLIMIT_MEMLOCK"), Map.entry("Max address space", "RLIMIT_AS"),
            Map.entry("Max file locks", "RLIMIT_LOCKS"), Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
            Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"), Map.entry("Max nice priority", "RLIMIT_NICE"),
            Map.entry("Max realtime priority", "RLIMIT_RTPRIO"), Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

    public static HostLimits current() {
        Map<String, Long> limits = new LinkedHashMap<>();
        long bounding = -1L;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/limits"));
            for (String line : lines.subList(1, lines.size())) {
                for (Map.Entry<String, String> name : LIMIT_NAMES.entrySet()) {
                    if (line.startsWith(name.getKey() + " ")) {
                        String[] fields = line.substring(name.getKey().length()).trim().split("\\s+");
                        limits.put(name.getValue(), fields[1].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(fields[1]));
                    }
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    bounding = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException e) {
            // not Linux: no clamping information, leave limits as requested
        }
        return new HostLimits(Map.copyOf(limits), bounding);
    }

    /** The hard limit for e.g. {@code RLIMIT_NOFILE}, or unlimited when unknown. */
    public long hard(String rlimit) {
        return hardLimits.getOrDefault(rlimit, Long.MAX_VALUE);
    }

    public boolean hasCapability(int number) {
        return (boundingCaps & (1L << number)) != 0;
    }
}
