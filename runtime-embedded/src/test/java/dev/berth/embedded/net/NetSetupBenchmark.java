package dev.berth.embedded.net;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.ContainerState;
import dev.berth.embedded.networking.BridgeNetworking;
import dev.berth.embedded.oci.ContainerConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Per-container network set-up cost (root): namespace + veth pair into the bridge + address + lo/eth0 up +
 * default route + DNS registration, on an existing network. Run with {@code bench/net-setup.sh [runs]}.
 * Prints medians; a benchmark, not a test.
 */
public final class NetSetupBenchmark {
    private NetSetupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        if (!NetFixture.canRun()) {
            throw new IllegalStateException("needs root, iproute2, iptables and busybox-static");
        }
        try (NetFixture fx = new NetFixture(); DnsService dns = new DnsService(53, List::of)) {
            Network net = fx.network("bench_default", false);
            dns.start(net);
            List<Double> separate = new ArrayList<>();
            List<Double> fused = new ArrayList<>();
            List<Double> teardown = new ArrayList<>();
            for (int i = 0; i < runs + 5; i++) {
                boolean warm = i >= 5;
                String a = NetFixture.newId();
                long t0 = System.nanoTime();
                ContainerNetns nsA = ContainerNetns.create(a);
                dns.register(fx.manager.attach(nsA, net.id(), EndpointRequest.of(a, "eth0", true)), List.of("svc", "a"));
                long t1 = System.nanoTime();
                String b = NetFixture.newId();
                ContainerNetns nsB = ContainerNetns.named(b);
                dns.register(fx.manager.attach(nsB, net.id(), EndpointRequest.of(b, "eth0", true)), List.of("svc", "b"));
                long t2 = System.nanoTime();
                for (String id : List.of(a, b)) {
                    dns.registry().forgetContainer(id);
                    fx.manager.removeContainer(id, ContainerNetns.named(id));
                }
                long t3 = System.nanoTime();
                if (warm) {
                    separate.add((t1 - t0) / 1e6);
                    fused.add((t2 - t1) / 1e6);
                    teardown.add((t3 - t2) / 2e6);
                }
            }
            System.out.println("load average: " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .trim() + "; process launch: " + System.getProperty("jdk.lang.Process.launchMechanism", "default"));
            report("netns create + attach + DNS", separate);
            report("attach creating the netns + DNS", fused);
            report("removeContainer (netns delete)", teardown);
        }
        engineHook(runs);
    }

    /**
     * The engine's path: {@link BridgeNetworking#setUp} for a container on one network with one port published on
     * 127.0.0.1 (namespace, veth, address, route, DNS names, proxy, hosts and resolv.conf content) and its tear-down.
     */
    private static void engineHook(int runs) throws Exception {
        java.nio.file.Path state = java.nio.file.Files.createTempDirectory("berth-net-bench");
        BridgeNetworking networking = new BridgeNetworking(state, new Firewall(), SubnetPool.defaults(),
                new DnsService(53, List::of));
        Network net = networking.createNetwork(NetworkSpec.of(NetFixture.newId(), "bench_engine", false));
        try {
            List<Double> setUp = new ArrayList<>();
            List<Double> tearDown = new ArrayList<>();
            for (int i = 0; i < runs + 5; i++) {
                String id = NetFixture.newId();
                ContainerConfig config = ContainerConfig.builder("bench")
                        .networkEndpoint(ContainerConfig.NetworkEndpoint.of(net.id(), List.of("svc")))
                        .port(new ContainerConfig.PortMapping("tcp", "127.0.0.1", 0, 0, 8080)).build();
                ContainerInfo container = new ContainerInfo(id, "bench-svc-" + i, "", "", id.substring(0, 12), config,
                        ContainerState.CREATED);
                long t0 = System.nanoTime();
                networking.setUp(container);
                long t1 = System.nanoTime();
                networking.tearDown(container);
                long t2 = System.nanoTime();
                if (i >= 5) {
                    setUp.add((t1 - t0) / 1e6);
                    tearDown.add((t2 - t1) / 1e6);
                }
            }
            report("engine hook set-up (DNS, port, files)", setUp);
            report("engine hook tear-down", tearDown);
        } finally {
            networking.removeNetwork(net.id());
            networking.close();
            NetFixture.sweep();
            dev.berth.embedded.util.Files2.deleteTree(state);
        }
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-52s median %6.2f ms  p90 %6.2f ms  min %6.2f ms  (n=%d)%n", what,
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)), sorted.get(0), sorted.size());
    }
}
