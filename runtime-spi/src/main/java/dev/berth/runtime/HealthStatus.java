package dev.berth.runtime;

/** Health of a container; {@code NONE} when it has no healthcheck. */
public enum HealthStatus { NONE, STARTING, HEALTHY, UNHEALTHY }
