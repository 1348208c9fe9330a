package dev.berth.embedded.spi;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.oci.RuntimeProbe;
import dev.berth.runtime.Availability;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeProvider;
import dev.berth.runtime.RuntimeUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code embedded-in-process} runtime: the embedded engine inside the calling JVM (containers are supervised
 * only while it runs; the CLI's {@code embedded} runtime uses the {@code berth engine} daemon instead). Usable as
 * root on Linux with runc (or crun) and overlayfs. Its state lives in
 * {@code /var/lib/berth} and {@code /run/berth}, or in the directories named by {@code BERTH_ROOT} and
 * {@code BERTH_RUN_DIR}.
 */
public final class EmbeddedRuntimeProvider implements RuntimeProvider {
    public static final String ROOT_ENV = "BERTH_ROOT";
    public static final String RUN_DIR_ENV = "BERTH_RUN_DIR";

    private final Map<String, String> env;

    /** The provider ServiceLoader creates: reads the process environment. */
    public EmbeddedRuntimeProvider() {
        this(System.getenv());
    }

    EmbeddedRuntimeProvider(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** This provider reading {@code BERTH_ROOT}, {@code BERTH_RUN_DIR} and the registry settings from {@code env}. */
    @Override
    public RuntimeProvider forEnvironment(Map<String, String> environment) {
        return new EmbeddedRuntimeProvider(environment);
    }

    @Override
    public String name() {
        return "embedded-in-process";
    }

    /**
     * Three calls in flight per core: a container start here is CPU-bound work on this machine (runc's two Go
     * processes, the shim, the network namespace), and more calls in flight only slow the start others wait for.
     * Measured on the 2-core development machine, cold {@code up -d} of 30 services of which 29 depend on one,
     * interleaved rounds: 16 in flight 2603 and 2887 ms, 6 in flight 2360 and 2759 ms (means of 4 and 3 rounds).
     */
    @Override
    public int defaultParallelLimit() {
        return 3 * Runtime.getRuntime().availableProcessors();
    }

    @Override
    public Availability probe() {
        try {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                return Availability.unavailable("the embedded runtime needs Linux (this is "
                        + System.getProperty("os.name") + ")", "use the docker runtime");
            }
            if (!isRoot()) {
                return Availability.unavailable("the embedded runtime needs root (running as "
                        + System.getProperty("user.name") + ")", "run as root (e.g. with sudo), or use the docker"
                        + " runtime");
            }
            RuntimeProbe.Result runc = RuntimeProbe.probe("runc");
            RuntimeProbe.Result crun = RuntimeProbe.probe("crun");
            if (!runc.available() && !crun.available()) {
                return Availability.unavailable("no OCI runtime: " + runc.problem(), "apt-get install runc");
            }
            if (!overlayAvailable()) {
                return Availability.unavailable("the kernel has no overlay file system",
                        "modprobe overlay (or use a kernel with overlayfs)");
            }
            EngineOptions options = options();
            return Availability.available("embedded engine on " + (runc.available() ? "runc" : "crun") + ", state in "
                    + options.root() + " and " + options.runDir());
        } catch (RuntimeException e) {
            return Availability.unavailable("probing the embedded runtime failed: " + e.getMessage(),
                    "check that runc works (runc --version)");
        }
    }

    @Override
    public ContainerRuntime open() {
        Availability availability = probe();
        if (!availability.usable()) {
            throw new RuntimeUnavailableException("open runtime", name(), availability.reason(), availability.hint());
        }
        return EmbeddedRuntime.open(options(), env);
    }

    /** Where state goes: the defaults, or {@code BERTH_ROOT} / {@code BERTH_RUN_DIR}. */
    EngineOptions options() {
        EngineOptions defaults = EngineOptions.defaults();
        String root = env.get(ROOT_ENV);
        String run = env.get(RUN_DIR_ENV);
        EngineOptions chosen = new EngineOptions(
                root == null || root.isBlank() ? defaults.root() : Path.of(root),
                run == null || run.isBlank() ? defaults.runDir() : Path.of(run),
                defaults.runtime(), defaults.clock());
        return RuntimeProbe.probe("runc").available() ? chosen : chosen.withRuntime("crun");
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean overlayAvailable() {
        try {
            return Files.readAllLines(Path.of("/proc/filesystems")).stream().anyMatch(l -> l.endsWith("\toverlay"))
                    || Files.exists(Path.of("/sys/module/overlay"));
        } catch (IOException e) {
            return false;
        }
    }
}
