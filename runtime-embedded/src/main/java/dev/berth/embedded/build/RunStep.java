package dev.berth.embedded.build;

import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.ExitStatus;
import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.logs.LogEntry;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.oci.ContainerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Executes one RUN in an engine container whose image is the current build state, then turns the container's
 * overlay upper directory into the step's layer. The container and its temporary tag are removed afterwards.
 */
final class RunStep {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final BuildRun run;
    private final Instruction in;
    private final List<RunMount> mounts;
    private final String network;
    private final List<StageRoot> opened = new ArrayList<>();
    private final List<CacheMounts.Lease> leases = new ArrayList<>();

    RunStep(BuildRun run, Instruction in, List<RunMount> mounts, String network) {
        this.run = run;
        this.in = in;
        this.mounts = mounts;
        this.network = network;
    }

    Descriptor execute(ImageState parent, ConfigDraft config, List<String> argv, Map<String, String> runArgs) {
        if (parent.layers().isEmpty()) {
            throw new DockerfileException(in.line(), "RUN needs a file system with a shell or program to run, but the"
                    + " stage is empty (FROM scratch)", "COPY a static binary in first, or start FROM an image");
        }
        EmbeddedEngine engine = run.builder.engine();
        ImageState base = run.assembler.commit(parent, null, config, parent.author());
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        String suffix = HexFormat.of().formatHex(random);
        String tag = "berth-build-run:" + suffix;
        ImageStore.TemporaryTag held = run.assembler.store().tagTemporarily(base.manifest(), tag);
        String id = null;
        try {
            ContainerConfig.Builder container = ContainerConfig.builder(tag)
                    .name("berth-build-" + suffix)
                    .entrypoint(argv.toArray(String[]::new))
                    .command()
                    .workingDir(config.workingDir == null || config.workingDir.isEmpty() ? "/" : config.workingDir)
                    .network(network.equals("none") ? ContainerConfig.NetworkMode.NONE : ContainerConfig.NetworkMode.HOST)
                    .init(false);
            if (config.user != null && !config.user.isEmpty()) {
                container.user(config.user);
            }
            runArgs.forEach(container::env);
            run.extraHosts().forEach(container::extraHost);
            if (run.request.shmSize() > 0) {
                container.shmSize(run.request.shmSize());
            }
            List<String> targets = new ArrayList<>();
            for (RunMount mount : mounts) {
                addMount(container, mount, targets);
            }
            id = engine.create(container.build());
            engine.start(id);
            List<LogEntry> output = new ArrayList<>();
            engine.logs(id, LogQuery.ALL.withFollow(true), entry -> {
                output.add(entry);
                run.events.accept(new BuildEvent(BuildEvent.Kind.OUTPUT, null, 0, 0, in.original(), in.line(),
                        entry.line().stripTrailing(), 0));
            });
            ExitStatus exit = engine.await(id);
            if (exit.exitCode() != 0) {
                StringBuilder tail = new StringBuilder();
                output.stream().skip(Math.max(0, output.size() - 5)).forEach(e -> tail.append(e.line().strip()).append(" | "));
                throw new DockerfileException(in.line(), "RUN failed with exit code " + exit.exitCode()
                        + (tail.length() > 0 ? ": " + tail.substring(0, tail.length() - 3) : ""),
                        "the command's output is in the build events; fix the command and build again");
            }
            Path upper = run.builder.snapshotUpper(id);
            RootfsView lower = new RootfsView(run.assembler.layerDirs(base));
            Path tar = Files.createTempFile(run.tmp, "run", ".tar");
            int entries;
            try (LayerTarWriter out = new LayerTarWriter(tar)) {
                entries = new UpperDiff(upper, lower, targets).writeTo(out);
            }
            Descriptor layer = entries == 0 ? null : run.assembler.addLayer(tar);
            Files.deleteIfExists(tar);
            return layer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (id != null) {
                try {
                    engine.remove(id, true);
                } catch (RuntimeException ignored) {
                    // the container is gone already
                }
            }
            held.close();
            opened.forEach(StageRoot::close);
            leases.forEach(CacheMounts.Lease::close);
        }
    }

    /** The directory (context or additional context) or stage state a bind mount reads from. */
    private Object bindSource(RunMount mount) {
        if (mount.from() == null) {
            return run.request.contextDir();
        }
        return run.namedSource(mount.from(), in.line(), Integer.MAX_VALUE, "RUN --mount from");
    }

    /** What the cache key needs of the mounts: bind sources by content (directories) or by stage identity. */
    String mountKey() {
        StringBuilder key = new StringBuilder();
        for (RunMount mount : mounts) {
            if (!mount.type().equals("bind")) {
                continue;
            }
            Object source = bindSource(mount);
            if (source instanceof ImageState state) {
                key.append(state.key()).append(' ');
            } else {
                Path path = ((Path) source).resolve(mount.source() == null ? "." : stripLeadingSlash(mount.source())).normalize();
                if (Files.isDirectory(path)) {
                    key.append(ContextDigest.of(path, DockerIgnore.NONE)).append(' ');
                } else if (Files.isRegularFile(path)) {
                    try {
                        key.append(dev.berth.embedded.image.Digest.of(Files.readAllBytes(path))).append(' ');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return key.toString();
    }

    private static String stripLeadingSlash(String s) {
        return s.replaceFirst("^/+", "");
    }

    private void addMount(ContainerConfig.Builder container, RunMount mount, List<String> targets) throws IOException {
        switch (mount.type()) {
            case "cache" -> {
                String cacheId = mount.id() != null ? mount.id() : mount.target();
                CacheMounts.Lease lease = run.builder.cacheMounts().lease(cacheId,
                        Integer.parseInt(mount.options().getOrDefault("mode", "0755"), 8),
                        Integer.parseInt(mount.options().getOrDefault("uid", "0")),
                        Integer.parseInt(mount.options().getOrDefault("gid", "0")));
                leases.add(lease);
                container.bind(lease.path().toString(), mount.target(), false);
                targets.add(mount.target());
            }
            case "bind" -> {
                Object source = bindSource(mount);
                Path root;
                if (source instanceof ImageState stageState) {
                    StageRoot stageRoot = StageRoot.open(run.assembler.layerDirs(stageState), run.tmp);
                    opened.add(stageRoot);
                    root = stageRoot.root();
                } else {
                    root = (Path) source;
                }
                Path path = root.resolve(mount.source() == null ? "." : stripLeadingSlash(mount.source())).normalize();
                if (!path.toRealPath().startsWith(root.toRealPath())) {
                    throw new DockerfileException(in.line(), "RUN --mount source " + mount.source() + " is outside its context",
                            "bind only paths inside the build context");
                }
                container.bind(path.toString(), mount.target(), true);
                targets.add(mount.target());
            }
            case "tmpfs" -> {
                container.tmpfs(mount.target(), mount.options().containsKey("size") ? "size=" + mount.options().get("size") : "");
                targets.add(mount.target());
            }
            case "secret" -> {
                String id = mount.id() != null ? mount.id() : mount.target().substring(mount.target().lastIndexOf('/') + 1);
                Path file = run.request.secrets().get(id);
                if (file == null || !Files.isRegularFile(file)) {
                    if (mount.required()) {
                        throw new DockerfileException(in.line(), "secret " + id + " is required but the build has no such secret",
                                "pass it in the build request (compose: build.secrets)");
                    }
                    return;
                }
                container.bind(file.toAbsolutePath().toString(), mount.target(), true);
                targets.add(mount.target());
            }
            default -> run.events.accept(new BuildEvent(BuildEvent.Kind.WARNING, null, 0, 0, in.original(), in.line(),
                    "--mount=type=" + mount.type() + " is not supported and was skipped", 0));
        }
    }
}
