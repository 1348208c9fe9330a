package dev.berth.embedded.build;

import dev.berth.embedded.image.Digest;
import dev.berth.embedded.image.ImageNotFoundException;
import dev.berth.embedded.image.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** One build: global ARGs, the stages the target needs (each built once), the final commit and tags. */
final class BuildRun {
    final ImageBuilder builder;
    final BuildRequest request;
    final Dockerfile dockerfile;
    final Consumer<BuildEvent> events;
    final Path tmp;
    private final BaseImages baseImages;
    private final Set<String> fetched = new HashSet<>();
    final ImageAssembler assembler;
    final ShellLexer lexer;
    final Map<String, String> globalArgs = new LinkedHashMap<>();
    final Set<String> usedArgs = new HashSet<>();
    private final Map<Integer, ImageState> built = new HashMap<>();
    private final Set<Integer> building = new HashSet<>();
    int steps;
    int cached;
    private DockerIgnore ignore;

    BuildRun(ImageBuilder builder, BuildRequest request, Dockerfile dockerfile, BaseImages baseImages,
             Consumer<BuildEvent> events, Path tmp) {
        this.builder = builder;
        this.baseImages = baseImages;
        this.request = request;
        this.dockerfile = dockerfile;
        this.events = events;
        this.tmp = tmp;
        this.assembler = new ImageAssembler(builder.engine().images());
        this.lexer = new ShellLexer(dockerfile.escape());
    }

    BuildResult execute() {
        String arch = Platform.host().architecture();
        Map<String, String> automatic = new LinkedHashMap<>();
        automatic.put("TARGETPLATFORM", "linux/" + arch);
        automatic.put("TARGETOS", "linux");
        automatic.put("TARGETARCH", arch);
        automatic.put("BUILDPLATFORM", "linux/" + arch);
        automatic.put("BUILDOS", "linux");
        automatic.put("BUILDARCH", arch);
        globalArgs.putAll(automatic);
        for (Instruction arg : dockerfile.globalArgs()) {
            for (String word : words(arg, globalArgs::get)) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word : word.substring(0, eq);
                String value = request.buildArgs().containsKey(name) ? request.buildArgs().get(name)
                        : eq < 0 ? automatic.get(name) : word.substring(eq + 1);
                globalArgs.put(name, value);
                usedArgs.add(name);
            }
        }
        Stage target = request.target() == null ? dockerfile.stages().get(dockerfile.stages().size() - 1)
                : dockerfile.stage(request.target()).orElseThrow(() -> new DockerfileException(0,
                        "target stage '" + request.target() + "' is not defined", "stages are "
                        + dockerfile.stages().stream().map(Stage::displayName).toList()));
        ImageState state = stage(target, 0);
        ConfigDraft config = state.config().copy();
        if (!request.labels().isEmpty()) {
            Map<String, String> labels = new LinkedHashMap<>(config.labels == null ? Map.of() : config.labels);
            labels.putAll(request.labels());
            config.labels = labels;
        }
        ImageState result = assembler.commit(state, null, config, state.author());
        for (String tag : request.tags()) {
            assembler.store().tag(result.manifest(), tag);
        }
        for (String name : request.buildArgs().keySet()) {
            if (!usedArgs.contains(name)) {
                events.accept(new BuildEvent(BuildEvent.Kind.WARNING, null, 0, 0, null, 0,
                        "build arg " + name + " was not consumed by any ARG", 0));
            }
        }
        events.accept(new BuildEvent(BuildEvent.Kind.IMAGE, target.displayName(), steps, steps, null, 0,
                result.configDigest().toString(), 0));
        return new BuildResult(result.configDigest().toString(), result.manifest().toString(), request.tags(), steps, cached);
    }

    List<String> words(Instruction in, java.util.function.Function<String, String> vars) {
        try {
            return lexer.words(in.rest(), vars);
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(in.line(), e.getMessage(), "check quotes and ${...} references");
        }
    }

    /** Builds (once) a stage and returns its final state. */
    ImageState stage(Stage stage, int referencedAt) {
        ImageState done = built.get(stage.index());
        if (done != null) {
            return done;
        }
        if (!building.add(stage.index())) {
            throw new DockerfileException(referencedAt, "stage " + stage.displayName() + " depends on itself", "break the cycle");
        }
        ImageState state = new StageBuilder(this, stage).build();
        built.put(stage.index(), state);
        return state;
    }

    /** FROM's base: scratch, an earlier stage, an additional context image, or a local image. */
    ImageState base(Stage stage) {
        String ref;
        try {
            ref = lexer.word(stage.base(), globalArgs::get);
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(stage.line(), e.getMessage(), "check the FROM line");
        }
        if (ref.isEmpty()) {
            throw new DockerfileException(stage.line(), "FROM " + stage.base() + " expands to an empty image name",
                    "give the ARG a default or pass --build-arg");
        }
        if (ref.equals("scratch")) {
            return assembler.scratch();
        }
        if (request.additionalContexts().containsKey(ref)) {
            Object source = namedSource(ref, stage.line(), stage.index(), "FROM");
            if (source instanceof ImageState state) {
                return state;
            }
            throw new DockerfileException(stage.line(), "FROM " + ref + " names a directory context",
                    "use docker-image://<ref> or target:<stage> for contexts used in FROM");
        }
        var earlier = dockerfile.earlierStage(ref, stage.index()).filter(s -> ref.equalsIgnoreCase(s.name()));
        if (earlier.isPresent()) {
            return stage(earlier.get(), stage.line());
        }
        return image(ref, stage.line(), "FROM");
    }

    /** A named source: an additional context, an earlier stage, or an image; returns a state or a directory. */
    Object namedSource(String name, int line, int stageIndex, String what) {
        String additional = request.additionalContexts().get(name);
        if (additional != null) {
            if (additional.startsWith("docker-image://")) {
                return image(additional.substring("docker-image://".length()), line, what);
            }
            if (additional.startsWith("target:")) {
                String stageName = additional.substring("target:".length());
                Stage other = dockerfile.stage(stageName).orElseThrow(() -> new DockerfileException(line,
                        "additional context " + name + " points at unknown stage " + stageName, "define the stage"));
                return stage(other, line);
            }
            Path dir = Path.of(additional.startsWith("/") ? additional
                    : request.contextDir().resolve(additional).toString());
            if (!Files.isDirectory(dir)) {
                throw new DockerfileException(line, "additional context " + name + " is not a directory: " + dir,
                        "point it at a directory or docker-image://<ref>");
            }
            return dir;
        }
        var stage = dockerfile.stage(name);
        if (stage.isPresent()) {
            if (stage.get().index() >= stageIndex) {
                throw new DockerfileException(line, what + " refers to stage " + name + " which is not defined before it",
                        "move the stage above, or reference an earlier one");
            }
            return stage(stage.get(), line);
        }
        if (name.matches("[0-9]+")) {
            throw new DockerfileException(line, what + " refers to stage " + name + " which does not exist",
                    "stages are " + dockerfile.stages().stream().map(Stage::displayName).toList());
        }
        return image(name, line, what);
    }

    /**
     * An image the Dockerfile names: refreshed first when the build pulls, else the local one, fetched when missing
     * (each at most once per build).
     */
    private ImageState image(String ref, int line, String what) {
        if (request.pull() && fetch(ref, line, what)) {
            return assembler.fromImage(assembler.store().resolve(ref));
        }
        try {
            return assembler.fromImage(assembler.store().resolve(ref));
        } catch (ImageNotFoundException e) {
            if (!fetched.contains(ref) && fetch(ref, line, what)) {
                return assembler.fromImage(assembler.store().resolve(ref));
            }
            throw new DockerfileException(line, what + " " + ref + ": no such stage or local image",
                    "offline builds use local images only; load it (berth load) or build it first");
        }
    }

    private boolean fetch(String ref, int line, String what) {
        if (!fetched.add(ref)) {
            return true;
        }
        try {
            return baseImages.fetch(ref, text -> events.accept(BuildEvent.of(BuildEvent.Kind.OUTPUT, null, 0, 0, null,
                    text, 0)));
        } catch (RuntimeException e) {
            throw new DockerfileException(line, what + " " + ref + ": cannot pull it: " + e.getMessage(),
                    "check the image name, or log in to its registry");
        }
    }

    String stepKey(String parentKey, ConfigDraft config, String text, String extra) {
        return Digest.of(parentKey + "\n" + new String(dev.berth.embedded.image.Json.write(config),
                java.nio.charset.StandardCharsets.UTF_8) + "\n" + text + "\n" + extra).hex();
    }

    DockerIgnore ignore() {
        if (ignore == null) {
            ignore = DockerIgnore.forContext(request.contextDir(), request.dockerfileText() != null ? null
                    : request.contextDir().resolve(request.dockerfile()));
        }
        return ignore;
    }

    List<String> extraHosts() {
        return new ArrayList<>(request.extraHosts());
    }
}
