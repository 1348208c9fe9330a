package dev.berth.embedded.oci;

import dev.berth.embedded.util.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a usable OCI runtime: runc by default; crun only when it can work here (crun 1.8 refuses hybrid cgroup
 * hosts whose v2 hierarchy has controllers).
 */
public final class RuntimeProbe {
    private static final List<Path> SEARCH = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/sbin"),
            Path.of("/usr/local/bin"), Path.of("/sbin"), Path.of("/bin"));

    /** Whether a runtime can be used, and if not why and what to do. */
    public record Result(String name, Optional<Path> binary, String problem) {
        public boolean available() {
            return binary.isPresent() && problem == null;
        }
    }

    private RuntimeProbe() {
    }

    public static Result probe(String name) {
        Optional<Path> binary = SEARCH.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable).findFirst();
        if (binary.isEmpty()) {
            return new Result(name, binary, name + " is not installed (apt-get install " + name + ")");
        }
        Command.Result version = Command.run(List.of(binary.get().toString(), "--version"));
        if (!version.ok()) {
            return new Result(name, binary, name + " --version failed: " + version.stderr());
        }
        if (name.equals("crun") && hybridWithV2Controllers()) {
            return new Result(name, binary, "crun refuses hybrid cgroups with controllers in the v2 hierarchy"
                    + " (use runc, or move all controllers to one cgroup version)");
        }
        return new Result(name, binary, null);
    }

    /** The preferred runtime if available, else runc; throws with the reasons when none works. */
    public static OciRuntime select(String preferred, Path stateRoot) {
        Result first = probe(preferred == null ? "runc" : preferred);
        Result chosen = first.available() || "runc".equals(first.name()) ? first : probe("runc");
        if (!chosen.available()) {
            throw new OciRuntimeException("no OCI runtime available: " + first.problem()
                    + (chosen == first ? "" : "; " + chosen.problem()));
        }
        return new CliOciRuntime(chosen.name(), chosen.binary().get(), stateRoot.resolve(chosen.name()));
    }

    static boolean hybridWithV2Controllers() {
        Path controllers = Path.of("/sys/fs/cgroup/unified/cgroup.controllers");
        try {
            return Files.exists(controllers) && !Files.readString(controllers).isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
