package dev.berth.cli.completion;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** One command of the tree as a man page in roff ({@code man(7)} macros): name, synopsis, options, subcommands. */
final class ManPage {

    private ManPage() {
    }

    /** {@code berth-up} for {@code berth up}: the page's name. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String render(CommandSpec spec, String version) {
        StringBuilder roff = new StringBuilder();
        String page = pageName(spec);
        roff.append(".TH \"").append(page.toUpperCase(Locale.ROOT)).append("\" 1 \"\" \"berth ").append(escape(version))
                .append("\" \"Berth Manual\"\n");
        roff.append(".SH NAME\n").append(escape(page)).append(" \\- ").append(escape(firstLine(spec))).append('\n');
        roff.append(".SH SYNOPSIS\n.B ").append(escape(spec.qualifiedName(" "))).append('\n');
        if (!spec.options().isEmpty()) {
            roff.append("[\\fIOPTIONS\\fR]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            roff.append(p.arity().min() == 0 ? " [" : " ").append("\\fI").append(escape(p.paramLabel())).append("\\fR")
                    .append(p.arity().max() > 1 ? "..." : "").append(p.arity().min() == 0 ? "]" : "");
        }
        if (!spec.subcommands().isEmpty()) {
            roff.append(" \\fICOMMAND\\fR");
        }
        roff.append('\n');
        roff.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            roff.append(escape(line)).append("\n.br\n");
        }
        if (!spec.options().isEmpty()) {
            roff.append(".SH OPTIONS\n");
            for (OptionSpec o : spec.options()) {
                roff.append(".TP\n").append(optionHeader(o)).append('\n')
                        .append(escape(String.join(" ", o.description()))).append('\n');
            }
        }
        if (!spec.positionalParameters().isEmpty()) {
            roff.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                roff.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n')
                        .append(escape(String.join(" ", p.description()))).append('\n');
            }
        }
        if (!spec.subcommands().isEmpty()) {
            roff.append(".SH COMMANDS\n");
            for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
                if (!e.getKey().equals(e.getValue().getCommandName())
                        || e.getValue().getCommandSpec().usageMessage().hidden()) {
                    continue;
                }
                roff.append(".TP\n.B ").append(escape(e.getKey())).append('\n')
                        .append(escape(firstLine(e.getValue().getCommandSpec()))).append(" See \\fB")
                        .append(escape(pageName(e.getValue().getCommandSpec()))).append("\\fR(1).\n");
            }
        }
        if (spec.parent() != null) {
            roff.append(".SH SEE ALSO\n\\fB").append(escape(pageName(spec.parent()))).append("\\fR(1)\n");
        }
        return roff.toString();
    }

    private static String optionHeader(OptionSpec o) {
        StringBuilder s = new StringBuilder();
        List<String> names = List.of(o.names());
        for (int i = 0; i < names.size(); i++) {
            s.append(i == 0 ? "" : ", ").append("\\fB").append(escape(names.get(i))).append("\\fR");
        }
        if (o.arity().max() > 0 && !o.type().equals(boolean.class)) {
            s.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
        }
        return s.toString();
    }

    private static String firstLine(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        return d.length == 0 ? "" : d[0];
    }

    /** Backslashes and hyphens escaped; a line starting with a control character guarded. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }
}
