package dev.berth.model.output;

import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes strings plain where YAML reads them back as strings, and double-quoted where a plain scalar would be
 * read as something else ({@code "8080"}, {@code "true"}, {@code ""}, YAML 1.1 {@code "yes"}), as
 * {@code docker compose config} does; multi-line strings as literal blocks.
 */
final class QuotingRepresenter extends StandardRepresenter {

    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();
    /** Words YAML 1.1 readers take as booleans; quoted so that every reader sees a string. */
    private static final Pattern YAML11_BOOLEANS =
            Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF");

    QuotingRepresenter(DumpSettings settings) {
        super(settings);
        RepresentToNode strings = this::representString;
        representers.put(String.class, strings);
    }

    private Node representString(Object data) {
        String text = (String) data;
        if (text.contains("\n") && !text.contains("\r") && text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            return representScalar(Tag.STR, text, ScalarStyle.LITERAL);
        }
        boolean ambiguous = text.isEmpty() || YAML11_BOOLEANS.matcher(text).matches()
                || !Tag.STR.equals(RESOLVER.resolve(text, true));
        return representScalar(Tag.STR, text, ambiguous ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN);
    }
}
