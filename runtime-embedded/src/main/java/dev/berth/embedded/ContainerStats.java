package dev.berth.embedded;

/** A one-shot resource sample: memory usage and limit in bytes, total CPU time in nanoseconds, process count. */
public record ContainerStats(long memoryUsage, long memoryLimit, long cpuNanos, long pids) {
}
