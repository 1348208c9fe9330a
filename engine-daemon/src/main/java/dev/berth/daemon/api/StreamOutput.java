package dev.berth.daemon.api;

import java.io.IOException;
import java.io.OutputStream;

/** Opens the body of a streamed answer: a hijacked connection when the client asked to upgrade, else chunked. */
final class StreamOutput {
    private StreamOutput() {
    }

    static OutputStream open(ApiCall call, String contentType) throws IOException {
        if (call.request().wantsUpgrade()) {
            return call.exchange().hijack(contentType).out();
        }
        return call.exchange().stream(200, contentType);
    }
}
