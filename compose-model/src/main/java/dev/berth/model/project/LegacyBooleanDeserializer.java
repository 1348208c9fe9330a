package dev.berth.model.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.util.Locale;

/** Booleans as Compose reads them: YAML 1.2 {@code true/false}, and the YAML 1.1 words {@code yes/no/on/off/y/n}. */
final class LegacyBooleanDeserializer extends StdScalarDeserializer<Boolean> {

    private static final long serialVersionUID = 1L;

    LegacyBooleanDeserializer() {
        super(Boolean.class);
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_STRING) {
            switch (p.getText().strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "on" -> {
                    return Boolean.TRUE;
                }
                case "false", "no", "n", "off" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    return (Boolean) ctxt.handleWeirdStringValue(Boolean.class, p.getText(), "not a boolean");
                }
            }
        }
        return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
    }
}
