package dev.berth.daemon.api;

import dev.berth.daemon.backing.Json;
import dev.berth.daemon.http.HttpExchange;
import dev.berth.daemon.http.HttpHandler;
import dev.berth.runtime.ConflictException;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps {@code METHOD /path} to handlers, with or without a {@code /v1.NN} prefix (versions above
 * {@link ApiVersions#CURRENT} are refused with 400, as dockerd does), and turns failures into dockerd's error
 * answers: 404 not found, 409 conflict or wrong state, 400 bad parameter, 501 unsupported, 500 otherwise.
 */
public final class Router implements HttpHandler {
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)$");

    /** A handler for one route. */
    @FunctionalInterface
    public interface Route {
        void handle(ApiCall call) throws IOException;
    }

    private record Entry(String method, Pattern path, Route route) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Consumer<String> problems;

    public Router(Consumer<String> problems) {
        this.problems = problems;
    }

    /**
     * Adds a route; in {@code path}, {@code {}} captures one segment and {@code {*}} captures the rest up to the
     * next literal (image references contain slashes).
     */
    public Router on(String method, String path, Route route) {
        String regex = Pattern.quote(path).replace("{*}", "\\E(.+?)\\Q").replace("{}", "\\E([^/]+)\\Q");
        entries.add(new Entry(method, Pattern.compile("^" + regex + "/?$"), route));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.request().path();
        String version = ApiVersions.CURRENT;
        Matcher prefixed = VERSION_PREFIX.matcher(path);
        if (prefixed.matches()) {
            version = prefixed.group(1);
            path = prefixed.group(2);
            if (ApiVersions.compare(version, ApiVersions.CURRENT) > 0) {
                error(exchange, 400, "client version " + version + " is too new. Maximum supported API version is "
                        + ApiVersions.CURRENT);
                return;
            }
        }
        String method = exchange.request().method().equals("HEAD") ? "GET" : exchange.request().method();
        boolean pathKnown = false;
        for (Entry e : entries) {
            Matcher m = e.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!e.method().equals(method)) {
                continue;
            }
            List<String> captured = new ArrayList<>();
            for (int i = 1; i <= m.groupCount(); i++) {
                captured.add(m.group(i));
            }
            dispatch(exchange, e.route(), new ApiCall(exchange, captured, version));
            return;
        }
        error(exchange, pathKnown ? 405 : 404, "page not found: " + exchange.request().method() + " " + path);
    }

    private void dispatch(HttpExchange exchange, Route route, ApiCall call) throws IOException {
        try {
            route.handle(call);
        } catch (ApiException e) {
            answer(exchange, e.status(), e.getMessage());
        } catch (NotFoundException e) {
            answer(exchange, 404, e.getMessage());
        } catch (ConflictException | InvalidStateException e) {
            answer(exchange, 409, e.getMessage());
        } catch (UnsupportedOperationRuntimeException e) {
            answer(exchange, 501, e.getMessage());
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeOperationException e) {
            problems.accept(exchange.request().method() + " " + exchange.request().path() + ": " + e.getMessage());
            answer(exchange, 500, e.getMessage());
        }
    }

    private static void answer(HttpExchange exchange, int status, String message) throws IOException {
        if (exchange.answered()) {
            throw new IOException("failed after the response started: " + message);
        }
        error(exchange, status, message);
    }

    static void error(HttpExchange exchange, int status, String message) throws IOException {
        exchange.respond(status, "application/json",
                Json.MAPPER.writeValueAsBytes(Json.object().put("message", String.valueOf(message))));
    }
}
