package dev.berth.embedded.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Root-only test fixture: networks, namespaces and processes made through it carry this JVM's {@link #PREFIX} id
 * prefix and are all removed by {@link #close()}, even after a failure, followed by a sweep of anything with that
 * prefix (bridges, veths, namespaces, tagged iptables rules). The prefix is random per test JVM, so that tests
 * running at the same time on this host (other checkouts) never sweep each other's networks.
 */
final class NetFixture implements AutoCloseable {
    /** {@code 7e50} and 4 random hex digits (never {@code 7e57}, the fixed prefix older fixtures sweep). */
    static final String PREFIX = "7e50" + HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(2));

    final Path stateDir;
    final Firewall firewall = new Firewall();
    final NetworkManager manager;
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    NetFixture() {
        try {
            stateDir = Files.createTempDirectory("berth-net-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        manager = new NetworkManager(stateDir, firewall, SubnetPool.defaults());
    }

    static boolean canRun() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/ip"))
                && Files.isExecutable(Path.of("/usr/sbin/iptables-restore")) && Files.isExecutable(Path.of("/bin/busybox"));
    }

    static String newId() {
        byte[] bytes = new byte[28];
        ThreadLocalRandom.current().nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    Network network(String name, boolean internal) {
        return manager.create(NetworkSpec.of(newId(), name, internal));
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** Starts a background process inside a namespace (killed by close). */
    Process spawnIn(ContainerNetns netns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns.name()));
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command inside a namespace with a timeout; returns exit code and output. */
    static Exec.Result runIn(ContainerNetns netns, String stdin, String... command) {
        List<String> full = new ArrayList<>(List.of("timeout", "5", "ip", "netns", "exec", netns.name()));
        full.addAll(List.of(command));
        return Exec.run(full, stdin);
    }

    static String output(Process process) throws Exception {
        process.waitFor(5, TimeUnit.SECONDS);
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // keep cleaning
            }
        }
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Network network : manager.networks()) {
            for (Endpoint endpoint : manager.endpoints(network.id())) {
                try {
                    manager.detach(endpoint.containerId(), network.id());
                } catch (RuntimeException ignored) {
                    // swept below
                }
                ContainerNetns.named(endpoint.containerId()).delete();
            }
            try {
                manager.remove(network.id());
            } catch (RuntimeException ignored) {
                // swept below
            }
        }
        sweep();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir
        }
    }

    /** Removes anything carrying the test prefix that a failed test may have left. */
    static void sweep() {
        for (String netns : Exec.run(List.of("ip", "netns", "list"), null).stdout().split("\n")) {
            String name = netns.split(" ")[0];
            if (name.startsWith(ContainerNetns.nameFor(PREFIX))) {
                Exec.run(List.of("ip", "netns", "delete", name), null);
            }
        }
        try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
            links.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("br-" + PREFIX))
                    .forEach(n -> Exec.run(List.of("ip", "link", "del", n), null));
        } catch (IOException ignored) {
            // nothing to sweep
        }
        Firewall firewall = new Firewall();
        Pattern tag = Pattern.compile("--comment \"?(berth-[a-z]+:[0-9a-f]+)");
        for (String rule : firewall.allBerthRules()) {
            Matcher m = tag.matcher(rule);
            if (m.find() && (rule.contains("br-" + PREFIX) || m.group(1).startsWith("berth-net:" + PREFIX))) {
                firewall.removeTagged(m.group(1));
            }
        }
        // the chains and jumps exist only for our networks: with none left, the host's tables are as before
        firewall.uninstallIfEmpty();
    }
}
