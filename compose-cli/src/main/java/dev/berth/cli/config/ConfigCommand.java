package dev.berth.cli.config;

import dev.berth.cli.root.BerthCommand;
import dev.berth.cli.error.UserException;
import dev.berth.model.env.VariableExplanation;
import dev.berth.model.load.LoadOptions;
import dev.berth.model.load.LoadedProject;
import dev.berth.model.load.ProjectLoader;
import dev.berth.model.problem.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code berth config}: load the project and print it in canonical form, or one view of it. */
@Command(name = "config", aliases = "convert", mixinStandardHelpOptions = true,
        description = "Parse, resolve and render the compose file in canonical format.")
public final class ConfigCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    BerthCommand root;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml", description = "Output format: yaml or json")
    ConfigFormat format;

    @Option(names = {"-q", "--quiet"}, description = "Only validate the configuration, print nothing")
    boolean quiet;

    @ArgGroup(exclusive = true)
    ConfigView view = new ConfigView();

    @Option(names = "--no-interpolate", description = "Don't interpolate environment variables")
    boolean noInterpolate;

    @Option(names = "--no-normalize", description = "Don't normalize the compose model")
    boolean noNormalize;

    @Option(names = "--no-path-resolution", description = "Don't resolve file paths")
    boolean noPathResolution;

    @Option(names = "--no-consistency", description = "Don't check model consistency (undefined resources, cycles)")
    boolean noConsistency;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save to file (default: stdout)")
    Path output;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to include (enables them even if their profile is not active)")
    List<String> services = List.of();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LoadOptions options = root.projectOptions().toLoadOptions(root.invocation())
                .withRequestedServices(java.util.Set.copyOf(services))
                .withPhases(!noInterpolate, !noNormalize, !noPathResolution, !noConsistency)
                .withWarnings(problem -> warn(err, problem));
        LoadedProject loaded = ProjectLoader.load(options);
        if (quiet) {
            return 0;
        }
        String text = ConfigViews.render(loaded, view, format, !noInterpolate);
        write(text);
        return 0;
    }

    private void write(String text) {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        Path file = root.invocation().resolve(output);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("berth config: cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void warn(PrintWriter err, Problem problem) {
        err.println("WARN " + problem.render());
        err.flush();
    }

    /** The alternative outputs of {@code berth config}; at most one is chosen. */
    public static final class ConfigView {
        @Option(names = "--services", description = "Print the service names, one per line")
        boolean services;
        @Option(names = "--volumes", description = "Print the volume names, one per line")
        boolean volumes;
        @Option(names = "--networks", description = "Print the network names, one per line")
        boolean networks;
        @Option(names = "--images", description = "Print the image names, one per line")
        boolean images;
        @Option(names = "--profiles", description = "Print the profile names, one per line")
        boolean profiles;
        @Option(names = "--hash", paramLabel = "SERVICES", description = "Print the config hash of the services (* for all, or a comma list)")
        String hash;
        @Option(names = "--variables", description = "Print the variables used by the model, with defaults")
        boolean variables;
        @Option(names = "--environment", description = "Print the environment used for interpolation")
        boolean environment;
        @Option(names = "--explain", paramLabel = "VAR", description = "Explain where the value of variable VAR comes from")
        String explain;
    }

    static String explain(LoadedProject loaded, String name) {
        return VariableExplanation.explain(name, loaded.environment(), loaded.variables()).render();
    }
}
