/**
 * IPC sharing between containers of the embedded engine: {@link dev.berth.embedded.ipc.ShareableShm} keeps the
 * host-side {@code /dev/shm} of a container whose IPC mode is {@code shareable}, which containers joining its IPC
 * namespace bind as their own {@code /dev/shm}.
 */
package dev.berth.embedded.ipc;
