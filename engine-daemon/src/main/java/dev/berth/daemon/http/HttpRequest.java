package dev.berth.daemon.http;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed HTTP/1.1 request: method, decoded path, query parameters (a name may repeat), headers with lower-case
 * names, and the body (already de-chunked or bounded by {@code Content-Length}; empty when there is none).
 */
public record HttpRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                          InputStream body) {
    public HttpRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first value of a query parameter. */
    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Docker's boolean parameters: {@code 1}, {@code true} or {@code True} are true; absent is {@code otherwise}. */
    public boolean flag(String name, boolean otherwise) {
        return param(name).map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(otherwise);
    }

    /** Whether the client asked to take over the connection ({@code Connection: Upgrade}). */
    public boolean wantsUpgrade() {
        return header("connection").map(v -> v.toLowerCase(Locale.ROOT).contains("upgrade")).orElse(false)
                && header("upgrade").isPresent();
    }

    /** Whether the client waits for {@code 100 Continue} before it sends the body ({@code Expect: 100-continue}). */
    boolean expectsContinue() {
        return header("expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false);
    }

    boolean keepAlive() {
        return !header("connection").map(v -> v.equalsIgnoreCase("close")).orElse(false);
    }
}
