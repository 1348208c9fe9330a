package dev.berth.daemon.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Parses a request head (request line and header fields) and sets up the body stream it announces. */
final class HeadReader {
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    private HeadReader() {
    }

    /** The next request on the connection, or empty when the client closed it between requests. */
    static Optional<HttpRequest> read(InputStream in) throws IOException {
        String requestLine;
        try {
            requestLine = line(in);
        } catch (EOFException e) {
            return Optional.empty();
        }
        while (requestLine.isEmpty()) {
            requestLine = line(in);
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequestException("malformed request line \"" + requestLine + "\"");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; ; i++) {
            String field = line(in);
            if (field.isEmpty()) {
                break;
            }
            if (i >= MAX_HEADERS) {
                throw new BadRequestException("more than " + MAX_HEADERS + " header fields");
            }
            int colon = field.indexOf(':');
            if (colon <= 0) {
                throw new BadRequestException("malformed header field \"" + field + "\"");
            }
            headers.merge(field.substring(0, colon).trim().toLowerCase(Locale.ROOT), field.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        String target = parts[1];
        int question = target.indexOf('?');
        String path = URLDecoder.decode(question < 0 ? target : target.substring(0, question), StandardCharsets.UTF_8);
        Map<String, List<String>> query = question < 0 ? Map.of() : query(target.substring(question + 1));
        return Optional.of(new HttpRequest(parts[0], path, query, headers, body(in, headers)));
    }

    private static InputStream body(InputStream in, Map<String, String> headers) throws BadRequestException {
        String encoding = headers.getOrDefault("transfer-encoding", "");
        if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInputStream(in);
        }
        String length = headers.get("content-length");
        if (length == null) {
            return InputStream.nullInputStream();
        }
        try {
            return new BoundedInputStream(in, Long.parseLong(length.trim()));
        } catch (NumberFormatException e) {
            throw new BadRequestException("bad Content-Length \"" + length + "\"");
        }
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** One CRLF- (or LF-) terminated line without its terminator. */
    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new BadRequestException("request line or header longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    /** The client sent something that is not HTTP/1.1; the connection is answered with 400 and closed. */
    static final class BadRequestException extends IOException {
        BadRequestException(String message) {
            super(message);
        }
    }
}
