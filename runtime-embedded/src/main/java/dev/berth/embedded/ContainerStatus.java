package dev.berth.embedded;

/** Docker's container states (without {@code restarting}/{@code removing}, which are transient here). */
public enum ContainerStatus { CREATED, RUNNING, PAUSED, EXITED, DEAD }
