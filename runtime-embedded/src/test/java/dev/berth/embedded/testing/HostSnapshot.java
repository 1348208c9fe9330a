package dev.berth.embedded.testing;

import dev.berth.embedded.net.Network;
import dev.berth.embedded.net.NetworkManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What of the host's network and container state an engine could leak: bridges, veths, named network namespaces,
 * iptables rules of berth, mounts under the engine's root, processes in containers' cgroups and TCP sockets this JVM
 * listens on (the port proxies of an engine in this JVM). Other engines may run at the same time, so
 * {@link #leftOver} only counts what belongs to the given containers and networks, or to this JVM.
 */
public record HostSnapshot(List<String> bridges, List<String> veths, List<String> namespaces, List<String> berthRules,
        List<String> mounts, List<String> processes, List<String> listeners) {

    public static HostSnapshot take(Path engineRoot) throws IOException, InterruptedException {
        return new HostSnapshot(linkNames("bridge"), linkNames("veth"), netnsNames(),
                command("iptables-save").stream().filter(l -> l.contains("berth")).toList(),
                Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                        .filter(l -> l.contains(engineRoot.toString())).toList(),
                processCgroups(), ListeningSockets.ofThisProcess());
    }

    /**
     * A snapshot once the kernel has finished destroying what {@code down} released (veths go with their
     * namespace, asynchronously): the first with no more entries than {@code before}, or the last after 10 s.
     */
    public static HostSnapshot awaitSettled(Path engineRoot, HostSnapshot before) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HostSnapshot now = take(engineRoot);
        while (now.size() > before.size() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            now = take(engineRoot);
        }
        return now;
    }

    /** The entries of this snapshot that belong to {@code containerIds} or {@code networkIds}. */
    public List<String> leftOver(HostSnapshot before, Collection<String> containerIds, Collection<String> networkIds) {
        List<String> left = new ArrayList<>();
        for (String network : networkIds) {
            String bridge = Network.bridgeName(network);
            bridges.stream().filter(bridge::equals).forEach(b -> left.add("bridge " + b));
            berthRules.stream().filter(r -> r.contains(network.substring(0, 12)))
                    .forEach(r -> left.add("iptables " + r));
            for (String container : containerIds) {
                String veth = NetworkManager.hostVethName(container, network);
                veths.stream().filter(veth::equals).forEach(v -> left.add("veth " + v));
            }
        }
        for (String container : containerIds) {
            String prefix = container.substring(0, Math.min(32, container.length()));
            namespaces.stream().filter(n -> n.contains(prefix)).forEach(n -> left.add("netns " + n));
            processes.stream().filter(p -> p.contains(container)).forEach(p -> left.add("process " + p));
        }
        mounts.stream().filter(m -> !before.mounts.contains(m)).forEach(m -> left.add("mount " + m));
        listeners.stream().filter(l -> !before.listeners.contains(l)).forEach(l -> left.add("listener " + l));
        return left;
    }

    private int size() {
        return bridges.size() + veths.size() + namespaces.size() + berthRules.size() + mounts.size()
                + processes.size() + listeners.size();
    }

    private static List<String> linkNames(String type) throws IOException, InterruptedException {
        return command("ip", "-o", "link", "show", "type", type).stream()
                .map(l -> l.split(": ", 3)[1].replaceFirst("@.*", "")).toList();
    }

    private static List<String> netnsNames() throws IOException {
        Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** {@code pid cgroup} of every process whose cgroup path names a berth container. */
    private static List<String> processCgroups() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cgroup = Files.readString(proc.resolve("cgroup"), StandardCharsets.UTF_8).trim();
                    if (cgroup.contains("berth")) {
                        found.add(proc.getFileName() + " " + cgroup);
                    }
                } catch (IOException gone) {
                    // the process ended while we listed
                }
            }
        }
        return found;
    }

    private static List<String> command(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", args) + " failed: " + lines);
        }
        return lines;
    }

    @Override
    public String toString() {
        return "bridges " + bridges.size() + ", veths " + veths.size() + ", berth netns " + namespaces.stream()
                .filter(n -> n.startsWith("berth-")).count() + ", berth iptables rules " + berthRules.size()
                + ", mounts under the root " + mounts.size() + ", container processes " + processes.size()
                + ", listening sockets of this JVM " + listeners.size();
    }
}
