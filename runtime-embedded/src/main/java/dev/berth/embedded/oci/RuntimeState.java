package dev.berth.embedded.oci;

/** What {@code runc state} reports: status is created, running, paused or stopped. */
public record RuntimeState(String id, String status, int pid) {
}
