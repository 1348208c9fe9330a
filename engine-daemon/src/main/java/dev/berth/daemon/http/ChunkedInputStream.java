package dev.berth.daemon.http;

import java.io.IOException;
import java.io.InputStream;

/** Reads an HTTP/1.1 chunked request body (RFC 9112 section 7.1); trailers are read and dropped. */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (remaining == 0) {
            String size = HeadReader.line(in);
            int semicolon = size.indexOf(';');
            String hex = (semicolon < 0 ? size : size.substring(0, semicolon)).trim();
            try {
                remaining = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size \"" + hex + "\" in a chunked request body");
            }
            if (remaining == 0) {
                while (!HeadReader.line(in).isEmpty()) {
                    // trailer fields are not used
                }
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new IOException("the client closed the connection inside a chunk");
        }
        remaining -= n;
        if (remaining == 0) {
            HeadReader.line(in);
        }
        return n;
    }
}
