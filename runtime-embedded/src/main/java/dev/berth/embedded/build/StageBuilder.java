package dev.berth.embedded.build;

import dev.berth.embedded.image.Descriptor;
import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.ImageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs one stage's instructions: metadata ones change the config, RUN/COPY/ADD/WORKDIR are cached steps. */
final class StageBuilder {
    private final BuildRun run;
    private final Stage stage;
    private final Map<String, String> args = new LinkedHashMap<>();
    private ImageState state;
    private ConfigDraft config;
    private String author;
    private boolean cmdSet;
    private int step;
    private int total;
    /** History entries of the configuration-only instructions since the last commit. */
    private final List<ImageConfig.History> pendingHistory = new ArrayList<>();

    StageBuilder(BuildRun run, Stage stage) {
        this.run = run;
        this.stage = stage;
    }

    ImageState build() {
        run.events.accept(new BuildEvent(BuildEvent.Kind.STAGE, stage.displayName(), 0, 0, null, stage.line(),
                "FROM " + stage.base(), 0));
        if (stage.platform() != null) {
            String platform = run.lexer.word(stage.platform(), run.globalArgs::get);
            if (!platform.equals("linux/" + dev.berth.embedded.image.Platform.host().architecture())) {
                run.events.accept(new BuildEvent(BuildEvent.Kind.WARNING, stage.displayName(), 0, 0, null, stage.line(),
                        "--platform=" + platform + " differs from the host; building for the host", 0));
            }
        }
        state = run.base(stage);
        config = state.config().copy();
        author = state.author();
        List<Instruction> instructions = new ArrayList<>();
        if (config.onBuild != null) {
            for (String trigger : config.onBuild) {
                instructions.add(DockerfileParser.instruction(stage.line(), trigger, "ONBUILD " + trigger, List.of(),
                        run.dockerfile.escape()));
            }
            config.onBuild = null;
        }
        instructions.addAll(stage.instructions());
        total = (int) instructions.stream().filter(StageBuilder::isStep).count();
        for (Instruction in : instructions) {
            apply(in);
            if (!isStep(in) && !in.keyword().equals("ARG")) {
                pendingHistory.add(ImageConfig.History.of(in.original().strip(), true));
            }
        }
        return run.assembler.commit(state, null, config, author, takePendingHistory());
    }

    /** The configuration-only instructions since the last commit, as history entries; empties the list. */
    private List<ImageConfig.History> takePendingHistory() {
        List<ImageConfig.History> taken = new ArrayList<>(pendingHistory);
        pendingHistory.clear();
        return taken;
    }

    private static boolean isStep(Instruction in) {
        return switch (in.keyword()) {
            case "RUN", "COPY", "ADD", "WORKDIR" -> true;
            default -> false;
        };
    }

    private String var(String name) {
        String env = config.env(name);
        return env != null ? env : args.get(name);
    }

    private Function<String, String> vars() {
        return this::var;
    }

    private String expand(Instruction in, String text) {
        try {
            return run.lexer.word(text, vars());
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(in.line(), e.getMessage(), "check quotes and ${...} references");
        }
    }

    private void apply(Instruction in) {
        switch (in.keyword()) {
            case "ARG" -> arg(in);
            case "ENV" -> keyValues(in).forEach(config::setEnv);
            case "LABEL" -> {
                Map<String, String> labels = new LinkedHashMap<>(config.labels == null ? Map.of() : config.labels);
                labels.putAll(keyValues(in));
                config.labels = labels;
            }
            case "MAINTAINER" -> author = expand(in, in.rest());
            case "USER" -> config.user = expand(in, in.rest());
            case "STOPSIGNAL" -> config.stopSignal = expand(in, in.rest());
            case "EXPOSE" -> expose(in);
            case "VOLUME" -> volume(in);
            case "SHELL" -> config.shell = in.execForm();
            case "CMD" -> {
                config.cmd = command(in);
                cmdSet = true;
            }
            case "ENTRYPOINT" -> {
                config.entrypoint = command(in);
                if (!cmdSet) {
                    config.cmd = null;
                }
            }
            case "HEALTHCHECK" -> healthcheck(in);
            case "ONBUILD" -> {
                List<String> triggers = new ArrayList<>(config.onBuild == null ? List.of() : config.onBuild);
                triggers.add(in.rest());
                config.onBuild = triggers;
            }
            case "WORKDIR" -> workdir(in);
            case "RUN" -> runStep(in);
            case "COPY", "ADD" -> copy(in);
            default -> throw new DockerfileException(in.line(), "unsupported instruction " + in.keyword(), null);
        }
    }

    private Map<String, String> keyValues(Instruction in) {
        try {
            return KeyValues.parse(in.keyword(), in.rest(), run.lexer, vars());
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(in.line(), e.getMessage(), "write " + in.keyword() + " key=value");
        }
    }

    private void arg(Instruction in) {
        for (String word : run.words(in, vars())) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            String value;
            if (run.request.buildArgs().containsKey(name)) {
                value = run.request.buildArgs().get(name);
            } else if (eq >= 0) {
                value = word.substring(eq + 1);
            } else {
                value = run.globalArgs.get(name);
            }
            args.put(name, value);
            run.usedArgs.add(name);
        }
    }

    private void expose(Instruction in) {
        Map<String, Object> ports = new TreeMap<>(config.exposedPorts == null ? Map.of() : config.exposedPorts);
        for (String word : run.words(in, vars())) {
            String proto = "tcp";
            String range = word;
            int slash = word.indexOf('/');
            if (slash >= 0) {
                proto = word.substring(slash + 1).toLowerCase(Locale.ROOT);
                range = word.substring(0, slash);
            }
            if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
                throw new DockerfileException(in.line(), "invalid protocol in EXPOSE " + word, "use tcp, udp or sctp");
            }
            String[] bounds = range.split("-", 2);
            try {
                int from = Integer.parseInt(bounds[0]);
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1]) : from;
                if (from < 1 || to > 65535 || to < from) {
                    throw new NumberFormatException();
                }
                for (int port = from; port <= to; port++) {
                    ports.put(port + "/" + proto, Map.of());
                }
            } catch (NumberFormatException e) {
                throw new DockerfileException(in.line(), "invalid port in EXPOSE " + word, "use PORT[/PROTO] or FROM-TO[/PROTO]");
            }
        }
        config.exposedPorts = new LinkedHashMap<>(ports);
    }

    private void volume(Instruction in) {
        Map<String, Object> volumes = new LinkedHashMap<>(config.volumes == null ? Map.of() : config.volumes);
        List<String> paths = in.isExecForm() ? in.execForm().stream().map(p -> expand(in, p)).toList() : run.words(in, vars());
        for (String path : paths) {
            if (path.isBlank()) {
                throw new DockerfileException(in.line(), "VOLUME with an empty path", "give the mount path");
            }
            volumes.put(path, Map.of());
        }
        config.volumes = volumes;
    }

    private List<String> command(Instruction in) {
        if (in.isExecForm()) {
            return in.execForm();
        }
        if (in.rest().isEmpty()) {
            return null;
        }
        List<String> cmd = new ArrayList<>(config.shellOrDefault());
        cmd.add(in.rest());
        return cmd;
    }

    private void healthcheck(Instruction in) {
        String rest = in.rest().strip();
        if (rest.equalsIgnoreCase("NONE")) {
            config.healthcheck = new ImageConfig.HealthConfig(List.of("NONE"), 0, 0, 0, 0, 0);
            return;
        }
        String cmdText = rest.substring(3).strip();
        List<String> test = new ArrayList<>();
        List<String> exec = execForm(cmdText);
        if (exec != null) {
            test.add("CMD");
            test.addAll(exec);
        } else {
            test.add("CMD-SHELL");
            test.add(cmdText);
        }
        long interval = in.flag("interval").map(Durations::parseNanos).orElse(0L);
        long timeout = in.flag("timeout").map(Durations::parseNanos).orElse(0L);
        long start = in.flag("start-period").map(Durations::parseNanos).orElse(0L);
        long startInterval = in.flag("start-interval").map(Durations::parseNanos).orElse(0L);
        int retries = in.flag("retries").map(Durations::parseRetries).orElse(0);
        config.healthcheck = new ImageConfig.HealthConfig(test, interval, timeout, start, startInterval, retries);
    }

    private static List<String> execForm(String text) {
        String t = text.strip();
        if (!t.startsWith("[")) {
            return null;
        }
        try {
            return dev.berth.embedded.image.Json.MAPPER.readValue(t, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            return null;
        }
    }

    private String absolute(String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String base = config.workingDir == null || config.workingDir.isEmpty() ? "/" : config.workingDir;
        return CopyPlan.join(base, path);
    }

    // ------------------------------------------------------------------ steps

    private void workdir(Instruction in) {
        String dir = "/" + DockerIgnore.clean(absolute(expand(in, in.rest())));
        config.workingDir = dir;
        step(in, "WORKDIR " + dir, "", () -> {
            RootfsView rootfs = new RootfsView(run.assembler.layerDirs(state));
            if (dir.equals("/") || rootfs.isDirectory(dir)) {
                return null;
            }
            return layer(out -> CopyPlan.directories(dir, out, rootfs));
        });
    }

    private void runStep(Instruction in) {
        List<String> argv = new ArrayList<>();
        if (in.isExecForm()) {
            argv.addAll(in.execForm());
        } else if (!in.heredocs().isEmpty() && in.rest().strip().matches("<<-?[\"']?" + in.heredocs().get(0).name() + "[\"']?")) {
            Instruction.Heredoc doc = in.heredocs().get(0);
            argv.addAll(config.shellOrDefault());
            argv.add(doc.body());
        } else {
            StringBuilder script = new StringBuilder(in.rest());
            for (Instruction.Heredoc doc : in.heredocs()) {
                script.append('\n').append(doc.body()).append(doc.name());
            }
            argv.addAll(config.shellOrDefault());
            argv.add(script.toString());
        }
        List<RunMount> mounts = new ArrayList<>();
        for (String spec : in.flags("mount")) {
            mounts.add(RunMount.parse(expand(in, spec), in.line()));
        }
        Map<String, String> runArgs = new TreeMap<>();
        args.forEach((k, v) -> {
            if (v != null && config.env(k) == null) {
                runArgs.put(k, v);
            }
        });
        String network = in.flag("network").orElse(run.request.network());
        RunStep runStep = new RunStep(run, in, mounts, network);
        String extra = runArgs + " " + in.flags() + " " + network + " " + runStep.mountKey();
        step(in, "RUN " + argv, extra, () -> runStep.execute(state, config, argv, runArgs));
    }

    private void copy(Instruction in) {
        for (String unsupported : List.of("exclude", "parents")) {
            if (in.flag(unsupported).isPresent()) {
                throw new DockerfileException(in.line(), in.keyword() + " --" + unsupported + " is not supported by the"
                        + " embedded builder yet", "remove the flag (use .dockerignore instead of --exclude)");
            }
        }
        List<String> words = in.isExecForm() ? in.execForm().stream().map(w -> expand(in, w)).toList() : run.words(in, vars());
        List<String> sources = new ArrayList<>(words.subList(0, words.size() - 1));
        String rawDest = words.get(words.size() - 1);
        String dest = absolute(rawDest);
        if (rawDest.endsWith("/") && !dest.endsWith("/")) {
            dest = dest + "/";
        }
        if ((rawDest.equals(".") || rawDest.endsWith("/.")) && !dest.endsWith("/")) {
            dest = dest + "/";
        }
        Map<String, String> heredocs = new LinkedHashMap<>();
        for (Instruction.Heredoc doc : in.heredocs()) {
            String body = doc.expand() ? run.lexer.expandOnly(doc.body(), vars()) : doc.body();
            for (int i = 0; i < sources.size(); i++) {
                if (sources.get(i).matches("<<-?" + doc.name())) {
                    sources.set(i, "<<" + doc.name());
                    heredocs.put("<<" + doc.name(), body);
                }
            }
        }
        Integer chmod = in.flag("chmod").map(m -> {
            try {
                return Integer.parseInt(expand(in, m), 8);
            } catch (NumberFormatException e) {
                throw new DockerfileException(in.line(), "invalid --chmod=" + m, "use octal permissions such as 0755");
            }
        }).orElse(null);
        String chownSpec = in.flag("chown").map(c -> expand(in, c)).orElse(null);
        Optional<String> from = in.flag("from").map(f -> expand(in, f));
        Object source = from.isPresent() ? run.namedSource(from.get(), in.line(), stage.index(), "COPY --from") : null;
        String finalDest = dest;
        String text = in.keyword() + " " + (from.map(f -> "--from=" + f + " ").orElse("")) + "chown=" + chownSpec
                + " chmod=" + chmod + " " + sources + " " + finalDest;
        ImageState parent = state;
        Supplier<RootfsView> rootfs = () -> new RootfsView(run.assembler.layerDirs(parent));
        if (source instanceof ImageState fromState) {
            step(in, text, "from " + fromState.key(), () -> {
                try (StageRoot root = StageRoot.open(run.assembler.layerDirs(fromState), run.tmp)) {
                    RootfsView view = rootfs.get();
                    CopyPlan plan = CopyPlan.plan(in.keyword(), in.line(), new CopyPlan.SourceRoot(root.root(),
                            DockerIgnore.NONE, "stage " + from.get(), true), sources, finalDest, heredocs,
                            Owners.resolve(chownSpec, view, in.line()), chmod, view);
                    return layer(out -> plan.write(out, view));
                }
            });
            return;
        }
        CopyPlan.SourceRoot root = source instanceof Path dir
                ? new CopyPlan.SourceRoot(dir, DockerIgnore.NONE, "additional context " + from.get(), false)
                : new CopyPlan.SourceRoot(run.request.contextDir(), run.ignore(), "build context", false);
        RootfsView view = rootfs.get();
        CopyPlan plan = CopyPlan.plan(in.keyword(), in.line(), root, sources, finalDest, heredocs,
                Owners.resolve(chownSpec, view, in.line()), chmod, view);
        step(in, text, plan.hash(), () -> layer(out -> plan.write(out, view)));
    }

    /** Writes a layer with {@code content}; returns its descriptor, or null when it would be empty. */
    private Descriptor layer(java.util.function.Consumer<LayerTarWriter> content) {
        try {
            Path tar = Files.createTempFile(run.tmp, "layer", ".tar");
            int entries;
            try (LayerTarWriter out = new LayerTarWriter(tar)) {
                content.accept(out);
                entries = out.entries();
            }
            Descriptor descriptor = entries == 0 ? null : run.assembler.addLayer(tar);
            Files.deleteIfExists(tar);
            return descriptor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cached step: on a hit the stored state is reused, else {@code action} makes the layer (or null). */
    private void step(Instruction in, String text, String extra, Supplier<Descriptor> action) {
        step++;
        run.steps++;
        long started = System.nanoTime();
        String key = run.stepKey(state.key(), config, text, extra);
        run.events.accept(BuildEvent.of(BuildEvent.Kind.STEP, stage.displayName(), step, total, in, null, 0));
        if (!run.request.noCache()) {
            Optional<Digest> hit = run.builder.cache().get(key);
            if (hit.isPresent()) {
                state = run.assembler.load(hit.get());
                pendingHistory.clear(); // the cached state's history has them, and this step
                run.cached++;
                run.events.accept(BuildEvent.of(BuildEvent.Kind.CACHED, stage.displayName(), step, total, in, null,
                        (System.nanoTime() - started) / 1_000_000));
                return;
            }
        }
        Descriptor layer = action.get();
        List<ImageConfig.History> history = takePendingHistory();
        history.add(ImageConfig.History.of(in.original().strip(), layer == null));
        state = run.assembler.commit(state, layer, config, author, history);
        run.builder.cache().put(key, state.manifest());
        run.events.accept(BuildEvent.of(BuildEvent.Kind.DONE, stage.displayName(), step, total, in, null,
                (System.nanoTime() - started) / 1_000_000));
    }
}
