package dev.berth.embedded;

/** Docker's container states; {@code RESTARTING} = exited and waiting for its restart-policy backoff. */
public enum ContainerStatus { CREATED, RUNNING, PAUSED, RESTARTING, EXITED, DEAD }
