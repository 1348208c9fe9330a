package dev.berth.model.output;

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
 * read as something else ({@code "8080"}, {@code "true"}, {@code ""}), as {@code docker compose config} does.
 */
final class QuotingRepresenter extends StandardRepresenter {

    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

    QuotingRepresenter(DumpSettings settings) {
        super(settings);
        RepresentToNode strings = this::representString;
        representers.put(String.class, strings);
    }

    private Node representString(Object data) {
        String text = (String) data;
        boolean ambiguous = text.isEmpty() || !Tag.STR.equals(RESOLVER.resolve(text, true));
        return representScalar(Tag.STR, text, ambiguous ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.PLAIN);
    }
}
