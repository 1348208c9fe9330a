package dev.berth.api.wait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Ready when an HTTP GET of a path on 127.0.0.1 (the host port of a container port) answers with the expected
 * status.
 */
public final class HttpWait implements WaitStrategy {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final String path;
    private final int containerPort;
    private final int status;

    private HttpWait(String path, int containerPort, int status) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the HTTP path must start with '/': " + path);
        }
        this.path = path;
        this.containerPort = containerPort;
        this.status = status;
    }

    static HttpWait of(String path) {
        return new HttpWait(path, 80, 200);
    }

    /** The container port to ask (default 80). */
    public HttpWait forPort(int port) {
        return new HttpWait(path, port, status);
    }

    /** The status that means ready (default 200). */
    public HttpWait forStatus(int expected) {
        return new HttpWait(path, containerPort, expected);
    }

    @Override
    public Readiness check(WaitTarget target) {
        OptionalInt hostPort = target.hostPort(containerPort);
        if (hostPort.isEmpty()) {
            return Readiness.failed("port " + containerPort + " of service " + target.service()
                    + " is not reachable from the host — publish it or use network_mode: host");
        }
        URI uri = URI.create("http://127.0.0.1:" + hostPort.getAsInt() + path);
        HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == status ? Readiness.ready()
                    : Readiness.pending("GET " + uri + " answered " + response.statusCode() + ", not " + status);
        } catch (IOException e) {
            return Readiness.pending("GET " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.pending("interrupted");
        }
    }

    @Override
    public String describe() {
        return "HTTP " + status + " from GET " + path + " on port " + containerPort;
    }
}
