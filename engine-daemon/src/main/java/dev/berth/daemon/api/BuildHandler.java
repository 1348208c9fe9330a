package dev.berth.daemon.api;

import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.RegistryAuthHeaders;
import dev.berth.daemon.build.BuildMessages;
import dev.berth.daemon.build.BuildQuery;
import dev.berth.daemon.build.ContextExtractor;
import dev.berth.daemon.build.LocalContext;
import dev.berth.embedded.util.Files2;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.BuildEvent;
import dev.berth.runtime.BuildFailedException;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code POST /build}: the context tar in the body is unpacked into a temporary directory, built by the embedded
 * engine's Dockerfile builder, and answered as Docker's JSON message stream, the way the classic builder words it
 * ({@code Step n/m : ...}, {@code ---> Using cache}, {@code Successfully built}). Query problems and unreadable
 * archives are answered with 400 before the stream starts; build failures arrive in the stream as error messages,
 * as dockerd sends them. Images the Dockerfile names that the engine lacks are pulled (all of them with
 * {@code pull=1}), with the call's {@code X-Registry-Config} logins ahead of the engine's own. An untagged build gets
 * a temporary name that is removed afterwards (the image stays, dangling, as with dockerd). The temporary directory
 * is always removed. With Berth's {@link LocalContext} extension the context is the client's directory, read in
 * place.
 */
final class BuildHandler {
    private final EngineBacking backing;

    BuildHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("POST", "/build", this::build);
    }

    private void build(ApiCall call) throws IOException {
        BuildQuery query = BuildQuery.parse(call.request().query());
        BuildCredentials credentials = credentials(call);
        Optional<LocalContext> local = LocalContext.parse(call.request().query());
        if (local.isPresent()) {
            buildInPlace(call, query, local.get(), credentials);
            return;
        }
        Path temp = Files.createTempDirectory(backing.root().toAbsolutePath(), "build-");
        try {
            Path context = Files.createDirectory(temp.resolve("context"));
            try (InputStream body = call.request().body()) {
                ContextExtractor.extract(body, context);
            } catch (ContextExtractor.BadContextException e) {
                throw ApiException.badRequest("the build context archive is refused: " + e.getMessage());
            } catch (IOException e) {
                throw ApiException.badRequest("the build context is not a readable tar archive: " + e.getMessage());
            }
            try (OutputStream out = call.exchange().stream(200, "application/json")) {
                run(query, context, credentials, new BuildMessages(out));
            }
        } finally {
            Files2.deleteTree(temp);
        }
    }

    /** A build from the client's own context directory ({@link LocalContext}); the body is empty. */
    private void buildInPlace(ApiCall call, BuildQuery query, LocalContext local,
                              BuildCredentials credentials) throws IOException {
        try (InputStream body = call.request().body()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        if (!local.matches()) {
            throw new ApiException(LocalContext.MISMATCH_STATUS, "build context " + local.directory() + " is not the"
                    + " client's directory here (another mount namespace?); send the context as a tar");
        }
        try (OutputStream out = call.exchange().stream(200, "application/json")) {
            run(query, local.directory(), credentials, new BuildMessages(out));
        }
    }

    /**
     * The logins of the call's {@code X-Registry-Config} by registry, for the images the build pulls; an unreadable
     * header is ignored, as dockerd does (the credentials are optional).
     */
    private static BuildCredentials credentials(ApiCall call) {
        try {
            return new BuildCredentials(RegistryAuthHeaders.config(call.request().header("X-Registry-Config")));
        } catch (IllegalArgumentException unreadable) {
            return BuildCredentials.NONE;
        }
    }

    private void run(BuildQuery query, Path context, BuildCredentials credentials,
                     BuildMessages messages) {
        String scratchTag = "berth-build/untagged:" + UUID.randomUUID().toString().replace("-", "");
        List<String> tags = query.tags().isEmpty() ? List.of(scratchTag) : query.tags();
        try {
            ImageRef id = backing.runtime().build(query.toSpec(context, tags), credentials, progress(query, messages));
            messages.imageId(id.value());
            messages.stream((query.quiet() ? id.value() : "Successfully built " + shortId(id.value())) + "\n");
            for (String tag : query.tags()) {
                backing.publish().image("tag", tag);
                if (!query.quiet()) {
                    messages.stream("Successfully tagged " + tag + "\n");
                }
            }
        } catch (UncheckedIOException clientGone) {
            throw clientGone;
        } catch (BuildFailedException e) {
            messages.error(failure(e));
        } catch (RuntimeOperationException | IllegalArgumentException e) {
            messages.error(e.getMessage());
        } finally {
            if (query.tags().isEmpty()) {
                backing.engine().images().untag(scratchTag);
            }
        }
    }

    /**
     * A build failure in dockerd's words ({@code dockerfile parse error line N: ...}, which clients read the line
     * from), without the engine's temporary context path.
     */
    private static String failure(BuildFailedException e) {
        String where = e.line().isPresent() ? "dockerfile parse error line " + e.line().getAsInt() + ": " : "";
        return where + e.problem() + (e.hint().isEmpty() ? "" : " (" + e.hint() + ")");
    }

    private static String shortId(String id) {
        String hex = id.replaceFirst("^sha256:", "");
        return hex.substring(0, Math.min(12, hex.length()));
    }

    /** Builder events in the classic builder's words; quiet builds send only the result. */
    private static Consumer<BuildEvent> progress(BuildQuery query, BuildMessages messages) {
        return event -> {
            if (query.quiet()) {
                return;
            }
            switch (event.kind()) {
                case STEP -> messages.stream("Step " + event.step() + "/" + event.steps() + " : " + event.text()
                        + "\n");
                case CACHED -> messages.stream(" ---> Using cache\n");
                case OUTPUT -> messages.stream(event.text() + "\n");
                case WARNING -> messages.stream("[WARNING]: " + event.text() + "\n");
                case IMAGE -> {
                    // the result follows as the aux message once build() returns
                }
            }
        };
    }
}
