package dev.berth.cli.version;

import dev.berth.cli.support.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth version}: the Berth version, long, short or as JSON. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Show the Berth version information.")
public final class VersionCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--short", description = "Shows only the version number")
    boolean shortForm;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pretty", description = "pretty or json")
    String format;

    @Override
    public Integer call() {
        String v = VersionProvider.version();
        String text = shortForm ? v : format.equals("json") ? "{\"version\":\"" + v + "\"}" : "Berth version " + v;
        spec.commandLine().getOut().println(text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
