package dev.berth.embedded.net;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's network namespace. Either a named one that Berth creates before {@code runc create}
 * ({@code ip netns add berth-<id>}; its {@link #path()} goes into config.json as
 * {@code linux.namespaces[{type: network, path}]}), or the namespace of a running process ({@link #ofPid}).
 */
public final class ContainerNetns {
    private static final Path RUN_DIR = Path.of("/run/netns");

    private final String name;
    private final long pid;

    private ContainerNetns(String name, long pid) {
        this.name = name;
        this.pid = pid;
    }

    /** The namespace name Berth uses for a container id: {@code berth-} and up to 32 id characters. */
    public static String nameFor(String containerId) {
        return "berth-" + containerId.substring(0, Math.min(32, containerId.length()));
    }

    /**
     * Creates (or reuses after an engine restart) the named namespace for a container. {@link NetworkManager#attach}
     * creates a missing named namespace itself in the same {@code ip} call, so calling this first is optional.
     */
    public static ContainerNetns create(String containerId) {
        ContainerNetns netns = named(containerId);
        if (!netns.exists() && NamespaceNetlink.available() && NamespaceNetlink.canCreateNamespaces()) {
            NamespaceNetlink.createNamespace(netns.path());
            NamespaceNetlink.loopbackUp(netns.path());
        } else if (!netns.exists()) {
            Exec.check(List.of("ip", "netns", "add", netns.name), null, "creating network namespace " + netns.name);
            Exec.check(netns.ipBatchInside(), "link set lo up\n", "bringing loopback up in " + netns.name);
        }
        return netns;
    }

    /** Refers to the named namespace of a container without creating it. */
    public static ContainerNetns named(String containerId) {
        return new ContainerNetns(nameFor(containerId), -1);
    }

    /** Refers to the network namespace of a running process. */
    public static ContainerNetns ofPid(long pid) {
        return new ContainerNetns(null, pid);
    }

    public Path path() {
        return name != null ? RUN_DIR.resolve(name) : Path.of("/proc/" + pid + "/ns/net");
    }

    public boolean exists() {
        return Files.exists(path());
    }

    /** Deletes a named namespace (a no-op when it is already gone); its interfaces go with it. */
    public void delete() {
        if (name != null && exists() && NamespaceNetlink.available()) {
            NamespaceNetlink.deleteNamespace(path());
        } else if (name != null && exists()) {
            Exec.check(List.of("ip", "netns", "delete", name), null, "deleting network namespace " + name);
        }
    }

    boolean isNamed() {
        return name != null;
    }

    String name() {
        return name;
    }

    /** How {@code ip link ... netns X} names this namespace. */
    String linkTarget() {
        return name != null ? name : Long.toString(pid);
    }

    /** The command that runs {@code ip -batch -} inside this namespace. */
    List<String> ipBatchInside() {
        return name != null ? List.of("ip", "-n", name, "-batch", "-")
                : List.of("nsenter", "--net=" + path(), "ip", "-batch", "-");
    }

    @Override
    public String toString() {
        return name != null ? name : "netns of pid " + pid;
    }
}
