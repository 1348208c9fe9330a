package dev.berth.embedded.bench;

import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.ExitStatus;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.util.Command;
import dev.berth.embedded.util.Files2;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not a test: start of /bin/true through the engine (create + start + wait, then remove) versus a raw
 * {@code runc run} of an equivalent busybox bundle spawned from the same JVM. Run via bench/start-true.sh as root.
 */
public final class StartBenchmark {
    private StartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path work = Files.createTempDirectory("berth-bench");
        try (EmbeddedEngine engine = EmbeddedEngine.open(EngineOptions.at(work.resolve("lib"), work.resolve("run")))) {
            Image image = BusyboxImage.build(engine.images(), "bench:true", work);
            Path bundle = rawBundle(work, engine.images().layerDirs(image).get(0));
            Path equivalent = equivalentBundle(engine, work, engine.images().layerDirs(image).get(0));
            List<Double> rawEquivalent = new ArrayList<>();
            List<Double> engineRun = new ArrayList<>();
            List<Double> engineTotal = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            List<Double> create = new ArrayList<>();
            List<Double> start = new ArrayList<>();
            List<Double> await = new ArrayList<>();
            List<Double> remove = new ArrayList<>();
            for (int i = -5; i < runs; i++) {
                long t0 = System.nanoTime();
                String id = engine.create(ContainerConfig.builder("bench:true").command("/bin/true").build());
                long tc = System.nanoTime();
                engine.start(id);
                long ts = System.nanoTime();
                ExitStatus status = engine.await(id);
                long t1 = System.nanoTime();
                engine.remove(id, false);
                long t2 = System.nanoTime();
                if (status.exitCode() != 0) {
                    throw new IllegalStateException("engine run failed: " + status);
                }
                long r0 = System.nanoTime();
                Process p = new ProcessBuilder("runc", "--root", work.resolve("raw-state").toString(), "run", "--bundle",
                        bundle.toString(), "raw" + (i + 10)).redirectInput(new File("/dev/null")).start();
                p.getInputStream().readAllBytes();
                int code = p.waitFor();
                long r1 = System.nanoTime();
                if (code != 0) {
                    throw new IllegalStateException("raw runc run failed: " + new String(p.getErrorStream().readAllBytes()));
                }
                long q0 = System.nanoTime();
                Process q = new ProcessBuilder("runc", "--root", work.resolve("raw-state").toString(), "run", "--bundle",
                        equivalent.toString(), "eq" + (i + 10)).redirectInput(new File("/dev/null")).start();
                q.getInputStream().readAllBytes();
                int qcode = q.waitFor();
                long q1 = System.nanoTime();
                if (qcode != 0) {
                    throw new IllegalStateException("equivalent runc run failed: " + new String(q.getErrorStream().readAllBytes()));
                }
                if (i >= 0) {
                    rawEquivalent.add((q1 - q0) / 1e6);
                    create.add((tc - t0) / 1e6);
                    start.add((ts - tc) / 1e6);
                    await.add((t1 - ts) / 1e6);
                    remove.add((t2 - t1) / 1e6);
                    engineRun.add((t1 - t0) / 1e6);
                    engineTotal.add((t2 - t0) / 1e6);
                    raw.add((r1 - r0) / 1e6);
                }
            }
            double e = median(engineRun);
            double et = median(engineTotal);
            double r = median(raw);
            System.out.printf("runs=%d runtime=%s%n", runs, engine.runtimeName());
            System.out.printf("raw runc run (JVM ProcessBuilder)        median %.1f ms%n", r);
            double q = median(rawEquivalent);
            System.out.printf("raw runc run, engine's config.json + pre-mounted overlay  median %.1f ms%n", q);
            System.out.printf("engine create+start+wait                 median %.1f ms  ratio %.2fx (vs equivalent %.2fx)%n",
                    e, e / r, e / q);
            System.out.printf("  phases (median ms): create %.1f, start %.1f, wait %.1f, remove %.1f%n", median(create),
                    median(start), median(await), median(remove));
            System.out.printf("engine create+start+wait+remove          median %.1f ms  ratio %.2fx%n", et, et / r);
        } finally {
            Command.run(List.of("umount", work.resolve("eq-bundle/rootfs").toString()));
            Files2.deleteTree(work);
        }
    }

    private static Path rawBundle(Path work, Path layer) throws Exception {
        Path bundle = work.resolve("raw-bundle");
        Files.createDirectories(bundle);
        Command.check(List.of("cp", "-a", layer.toString(), bundle.resolve("rootfs").toString()), "copy rootfs");
        Command.check(List.of("runc", "spec", "--bundle", bundle.toString()), "runc spec");
        Path config = bundle.resolve("config.json");
        String json = Files.readString(config).replace("\"terminal\": true", "\"terminal\": false")
                .replace("\"sh\"", "\"/bin/true\"");
        Files.writeString(config, json);
        return bundle;
    }

    /** The engine's own config.json (same mounts, masks, caps, cgroups) on an overlay mounted once up front. */
    private static Path equivalentBundle(EmbeddedEngine engine, Path work, Path layer) throws Exception {
        String id = engine.create(ContainerConfig.builder("bench:true").command("/bin/true").build());
        engine.start(id);
        engine.await(id);
        Path source = work.resolve("lib/containers").resolve(id);
        Path bundle = Files.createDirectories(work.resolve("eq-bundle"));
        for (String name : List.of("hosts", "hostname", "resolv.conf")) {
            Files.copy(source.resolve(name), bundle.resolve(name));
        }
        for (String dir : List.of("rootfs", "upper", "work")) {
            Files.createDirectories(bundle.resolve(dir));
        }
        Command.check(List.of("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + layer + ",upperdir="
                + bundle.resolve("upper") + ",workdir=" + bundle.resolve("work"), bundle.resolve("rootfs").toString()),
                "mount overlay");
        String json = Files.readString(source.resolve("config.json"))
                .replace(work.resolve("lib/snapshots").resolve(id).resolve("merged").toString(), bundle.resolve("rootfs").toString())
                .replace(source.toString(), bundle.toString())
                .replace("/berth/" + id, "/berth/bench-equivalent");
        Files.writeString(bundle.resolve("config.json"), json);
        engine.remove(id, false);
        return bundle;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
