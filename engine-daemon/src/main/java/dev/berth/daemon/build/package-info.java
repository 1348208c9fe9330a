/**
 * {@code POST /build} inputs and outputs: the query parameters as a build request ({@link BuildQuery}), the
 * context tar unpacked safely ({@link ContextExtractor}) and Docker's JSON message stream ({@link BuildMessages}).
 */
package dev.berth.daemon.build;
