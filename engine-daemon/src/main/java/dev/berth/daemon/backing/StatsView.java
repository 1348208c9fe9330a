package dev.berth.daemon.backing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.ContainerStats;
import java.time.Instant;

/** One sample of {@code GET /containers/{id}/stats} in Docker's shape (pids, memory, CPU; no network or block I/O). */
public final class StatsView {
    private StatsView() {
    }

    /** {@code previous} is the sample before (Docker's {@code precpu_stats}), or null for the first one. */
    public static ObjectNode sample(String id, String name, ContainerStats now, ContainerStats previous,
                                    Instant read, Instant preread) {
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("name", "/" + name);
        out.put("read", read.toString());
        out.put("preread", preread == null ? Json.ZERO_TIME : preread.toString());
        out.putObject("pids_stats").put("current", now.pids());
        out.set("cpu_stats", cpu(now, read));
        out.set("precpu_stats", previous == null ? Json.object() : cpu(previous, preread));
        ObjectNode memory = out.putObject("memory_stats");
        memory.put("usage", now.memoryUsage());
        memory.put("limit", now.memoryLimit());
        memory.putObject("stats");
        out.putObject("blkio_stats");
        return out;
    }

    private static ObjectNode cpu(ContainerStats s, Instant at) {
        ObjectNode cpu = Json.object();
        cpu.putObject("cpu_usage").put("total_usage", s.cpuNanos());
        int cpus = Runtime.getRuntime().availableProcessors();
        // the host's CPU time elapsed, as Docker's system_cpu_usage: wall time times the number of CPUs
        cpu.put("system_cpu_usage", at.toEpochMilli() * 1_000_000L * cpus);
        cpu.put("online_cpus", cpus);
        return cpu;
    }
}
