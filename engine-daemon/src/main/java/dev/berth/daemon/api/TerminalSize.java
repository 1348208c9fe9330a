package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A terminal size in characters as the API sends it: {@code ?h=&w=} on resize, {@code ConsoleSize: [h, w]} in
 * request bodies.
 */
record TerminalSize(int rows, int cols) {

    /** From the {@code h} and {@code w} query parameters (both required, as dockerd requires them). */
    static TerminalSize fromQuery(ApiCall call) {
        return new TerminalSize(dimension(call, "h"), dimension(call, "w"));
    }

    /** From a {@code ConsoleSize} array of a request body, when it has a non-zero one. */
    static Optional<TerminalSize> fromBody(JsonNode body) {
        JsonNode size = body.path("ConsoleSize");
        if (!size.isArray() || size.size() != 2 || size.get(0).asInt() <= 0 || size.get(1).asInt() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new TerminalSize(size.get(0).asInt(), size.get(1).asInt()));
    }

    private static int dimension(ApiCall call, String name) {
        String text = call.param(name).orElseThrow(() -> ApiException.badRequest(name + ": the terminal size needs"
                + " h (rows) and w (columns)"));
        try {
            int value = Integer.parseInt(text);
            if (value < 0 || value > 65535) {
                throw ApiException.badRequest(name + ": " + value + " is not a terminal size (0 to 65535)");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": '" + text + "' is not a number");
        }
    }
}
