package dev.berth.model.load;

import dev.berth.model.canonical.CanonicalContext;
import dev.berth.model.canonical.Canonicalizer;
import dev.berth.model.discovery.ComposeFileDiscovery;
import dev.berth.model.discovery.ComposeSource;
import dev.berth.model.discovery.DiscoveryRequest;
import dev.berth.model.discovery.ProjectFiles;
import dev.berth.model.discovery.ProjectNames;
import dev.berth.model.env.Environment;
import dev.berth.model.env.ProjectEnvironment;
import dev.berth.model.extend.ExtendsResolver;
import dev.berth.model.include.IncludeResolver;
import dev.berth.model.interpolation.Interpolator;
import dev.berth.model.interpolation.VariableUsage;
import dev.berth.model.interpolation.VariableUsages;
import dev.berth.model.merge.ComposeMerger;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.profile.ProfileFilter;
import dev.berth.model.project.Project;
import dev.berth.model.project.ProjectBinder;
import dev.berth.model.schema.SchemaValidator;
import dev.berth.model.tree.MapNode;
import dev.berth.model.validate.ConsistencyChecker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the loading phases of the Compose Specification in order — discover, environment, read, interpolate,
 * include, extends, merge, validate, canonicalise, profiles, consistency, bind — and returns the project.
 * Each phase reports every problem it finds; the load stops after the first phase that found errors.
 */
public final class ProjectLoader {

    private final LoadOptions options;
    private final SourceReader reader;
    private final Problems problems;
    private final List<VariableUsage> usages = new ArrayList<>();
    /** One resolver for the whole load, so that include cycles across nested projects are seen. */
    private final IncludeResolver includes = new IncludeResolver(this::loadIncluded);

    private ProjectLoader(LoadOptions options) {
        this.options = options;
        this.reader = new SourceReader(options.stdin());
        this.problems = new Problems(options.warnings());
    }

    public static LoadedProject load(LoadOptions options) {
        SchemaValidator.preloadInBackground();
        return new ProjectLoader(options).run();
    }

    private LoadedProject run() {
        Environment early = ProjectEnvironment.resolve(options.osEnvironment(), options.envFiles(),
                options.workingDirectory(), new ComposeVariables(Environment.of(options.osEnvironment(),
                        dev.berth.model.env.VariableOrigin.Kind.OS_ENVIRONMENT)).disableEnvFile());
        ComposeVariables compose = new ComposeVariables(early);
        ProjectFiles files = ComposeFileDiscovery.discover(discoveryRequest(compose), options.warnings());

        List<Path> envFiles = options.envFiles().isEmpty()
                ? compose.envFiles().stream().map(options.workingDirectory()::resolve).toList() : options.envFiles();
        Environment environment = ProjectEnvironment.resolve(options.osEnvironment(), envFiles,
                files.projectDirectory(), compose.disableEnvFile());
        compose = new ComposeVariables(environment);

        MapNode merged = loadFiles(files.sources(), files.projectDirectory(), environment, true);

        List<Problem> schemaProblems = new SchemaValidator().validate(merged);
        if (!schemaProblems.isEmpty()) {
            throw new ComposeException(schemaProblems);
        }
        merged = dropObsoleteVersion(merged);

        String name = ProjectNames.resolve(options.projectName(), compose.projectName(), merged.text("name"),
                files.projectDirectory());
        environment = environment.with("COMPOSE_PROJECT_NAME", name,
                dev.berth.model.env.VariableOrigin.of(dev.berth.model.env.VariableOrigin.Kind.LOADER));

        CanonicalContext context = CanonicalContext.of(name, files.projectDirectory(), environment::get)
                .withResolvePaths(options.resolvePaths())
                .withNormalize(options.normalize());
        MapNode canonical = Canonicalizer.canonicalize(merged, context, problems);
        problems.throwIfErrors();

        List<String> allProfiles = ProfileFilter.allProfiles(canonical);
        Set<String> active = new LinkedHashSet<>(options.profiles().isEmpty() ? compose.profiles() : options.profiles());
        canonical = ProfileFilter.apply(canonical, active, options.requestedServices(), options.warnings());

        for (Problem problem : ConsistencyChecker.check(canonical, options.checkConsistency())) {
            problems.add(problem);
        }
        problems.throwIfErrors();
        Project project = ProjectBinder.bind(canonical, files.projectDirectory());
        return new LoadedProject(project, environment, files, usages, allProfiles);
    }

    private DiscoveryRequest discoveryRequest(ComposeVariables compose) {
        DiscoveryRequest request = DiscoveryRequest.inDirectory(options.workingDirectory()).withFiles(options.files());
        if (options.projectDirectory().isPresent()) {
            request = request.withProjectDirectory(options.projectDirectory().get());
        }
        if (options.files().isEmpty() && compose.composeFile().isPresent()) {
            request = request.withComposeFileVariable(compose.composeFile().get(), compose.pathSeparator().orElse(null));
        }
        return request;
    }

    /** Reads, interpolates and resolves includes and extends of each file, then merges them in order. */
    private MapNode loadFiles(List<ComposeSource> sources, Path projectDirectory, Environment environment,
                              boolean collectVariables) {
        Interpolator interpolator = new Interpolator(environment::get, problems);
        ExtendsResolver extendsResolver = new ExtendsResolver(path -> interpolate(reader.read(path), interpolator));
        List<MapNode> files = new ArrayList<>();
        for (ComposeSource source : sources) {
            MapNode file = reader.read(source);
            if (collectVariables) {
                usages.addAll(VariableUsages.collect(file));
            }
            file = interpolate(file, interpolator);
            Path path = source.isStdin() ? projectDirectory.resolve("stdin") : source.path();
            file = includes.resolve(file, path, projectDirectory);
            file = extendsResolver.resolve(file, path, projectDirectory);
            files.add(file);
        }
        return ComposeMerger.mergeAll(files);
    }

    private MapNode interpolate(MapNode file, Interpolator interpolator) {
        if (!options.interpolate()) {
            return file;
        }
        MapNode result = (MapNode) interpolator.apply(file);
        problems.throwIfErrors();
        return result;
    }

    /** An included project is loaded on its own: its own directory, its own .env (or env_file list). */
    private MapNode loadIncluded(List<Path> paths, Path projectDirectory, List<Path> envFiles) {
        Environment own = ProjectEnvironment.resolve(options.osEnvironment(), envFiles, projectDirectory, false);
        List<ComposeSource> sources = paths.stream().map(p -> new ComposeSource(p.toString(), p)).toList();
        return loadFiles(sources, projectDirectory, own, false);
    }

    private MapNode dropObsoleteVersion(MapNode merged) {
        if (!merged.has("version")) {
            return merged;
        }
        problems.add(Problem.warning(merged.keyLocation("version"), "version", merged.text("version").orElse(""),
                "the attribute `version` is obsolete, it will be ignored", "Compose Specification",
                "remove it to avoid confusion"));
        return merged.without("version");
    }
}
