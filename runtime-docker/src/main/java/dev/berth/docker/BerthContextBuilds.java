package dev.berth.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds with named additional contexts on a Berth engine, through Berth's documented extension of
 * {@code POST /build}: the query parameter {@value #CONTEXTS_PARAM} carries the contexts as a JSON object, name to
 * an absolute host directory, {@code docker-image://REF} or {@code target:STAGE}. This works because a Berth engine
 * is always local (a unix socket on this machine), so the engine reads the directories where the client sees them.
 * With {@value #CONTEXT_DIR_PARAM} (when the engine lists it in {@code /version}) the main context, too, is named
 * by its directory instead of archived and sent, with the directory's device:inode so that an engine that sees
 * other files under that path refuses (and the archive is sent after all).
 * docker-java has no way to add a query parameter, so the request is sent over its HTTP client directly; the
 * answer is Docker's JSON message stream, fed to the same {@link DockerBuilds.Progress} as a classic build.
 */
final class BerthContextBuilds {
  static final String CONTEXTS_PARAM = "berth.contexts";
  /** The extension naming the build context by its directory (with its device:inode), with an empty body. */
  static final String CONTEXT_DIR_PARAM = "berth.context-dir";
  static final String CONTEXT_ID_PARAM = "berth.context-id";
  /** The engine's answer when it does not see the client's directory under that path. */
  private static final int NOT_THE_CLIENTS_DIRECTORY = 412;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final DockerHttpClient http;
  private final String apiVersion;
  private final boolean contextsInPlace;

  /**
   * @param client a client made by {@link DockerConnector}, which are all {@link DockerClientImpl}s
   * @param contextsInPlace whether the engine takes {@value #CONTEXT_DIR_PARAM}
   */
  BerthContextBuilds(DockerClient client, String apiVersion, boolean contextsInPlace) {
    this.http = ((DockerClientImpl) client).getHttpClient();
    this.apiVersion = apiVersion;
    this.contextsInPlace = contextsInPlace;
  }

  /**
   * Whether builds of {@code spec} can name the context directory instead of sending it: the engine takes the
   * extension, the Dockerfile is a file (an inline one travels in the archive), and the context has no
   * {@code .dockerignore} (a tar leaves ignored files out of {@code RUN --mount=type=bind} too, the directory
   * would not).
   */
  boolean buildsInPlace(BuildSpec spec) {
    return contextsInPlace && directoryServes(spec);
  }

  /** What {@link #buildsInPlace} asks of the build itself. */
  static boolean directoryServes(BuildSpec spec) {
    return spec.dockerfileInline().isEmpty()
        && !Files.exists(spec.context().resolve(".dockerignore"), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Sends the build naming its context directory; progress, errors and the image id go to {@code into}. False when
   * the engine does not see that directory (another mount namespace): nothing was built, send the archive.
   */
  boolean buildInPlace(BuildSpec spec, BuildCredentials credentials, DockerBuilds.Progress into) {
    Path dir = spec.context().toAbsolutePath().normalize();
    String identity;
    try {
      identity = Files.getAttribute(dir, "unix:dev") + ":" + Files.getAttribute(dir, "unix:ino");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
    StringJoiner q = new StringJoiner("&");
    q.add(query(spec));
    add(q, CONTEXT_DIR_PARAM, dir.toString());
    add(q, CONTEXT_ID_PARAM, identity);
    return send(spec, q.toString(), InputStream.nullInputStream(), credentials, into);
  }

  /**
   * Sends the build with the context archive {@code tar} and the logins as {@code X-Registry-Config}; progress,
   * errors and the image id go to {@code into}.
   */
  void build(BuildSpec spec, BuildCredentials credentials, InputStream tar, DockerBuilds.Progress into) {
    send(spec, query(spec), tar, credentials, into);
  }

  private boolean send(BuildSpec spec, String query, InputStream body, BuildCredentials credentials,
                       DockerBuilds.Progress into) {
    DockerHttpClient.Request.Builder builder = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.POST)
        .path("/v" + apiVersion + "/build?" + query)
        .putHeader("Content-Type", "application/x-tar")
        .body(body);
    String logins = BuildAuthConfigs.header(credentials);
    if (logins != null) {
      builder.putHeader(BuildAuthConfigs.HEADER, logins);
    }
    DockerHttpClient.Request request = builder.build();
    try (DockerHttpClient.Response response = http.execute(request)) {
      BufferedReader lines = new BufferedReader(new InputStreamReader(response.getBody(), StandardCharsets.UTF_8));
      if (response.getStatusCode() == NOT_THE_CLIENTS_DIRECTORY) {
        return false;
      }
      if (response.getStatusCode() != 200) {
        throw DockerBuilds.failure(spec, errorMessage(response.getStatusCode(), lines), null);
      }
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          into.onNext(JSON.readValue(line, BuildResponseItem.class));
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("build of " + spec.image().value() + " on the berth engine failed", e);
    }
  }

  static String query(BuildSpec spec) {
    StringJoiner q = new StringJoiner("&");
    spec.tags().forEach(t -> add(q, "t", t.value()));
    add(q, "dockerfile", spec.dockerfileInline().isPresent() ? BuildContextArchive.INLINE_DOCKERFILE
        : Path.of(spec.dockerfile()).normalize().toString());
    add(q, "buildargs", json(spec.args()));
    add(q, "labels", json(spec.labels()));
    spec.target().ifPresent(t -> add(q, "target", t));
    add(q, "nocache", spec.noCache() ? "1" : "0");
    add(q, "pull", spec.pull() ? "1" : "0");
    add(q, "rm", "1");
    add(q, "forcerm", "1");
    spec.network().ifPresent(n -> add(q, "networkmode", n));
    spec.extraHosts().forEach(h -> add(q, "extrahosts", h));
    spec.shmSize().ifPresent(s -> add(q, "shmsize", Long.toString(s)));
    spec.platform().ifPresent(p -> add(q, "platform", p));
    add(q, CONTEXTS_PARAM, json(contexts(spec)));
    return q.toString();
  }

  /** Directories become absolute (relative ones are relative to the build context); other schemes are refused. */
  static Map<String, String> contexts(BuildSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    spec.additionalContexts().forEach((name, value) -> {
      if (value.startsWith("docker-image://") || value.startsWith("target:")) {
        out.put(name, value);
      } else if (value.contains("://")) {
        throw new UnsupportedOperationRuntimeException("build image", spec.image().value(), "additional context "
            + name + " = " + value + ": the berth engine takes directories, docker-image://REF and target:STAGE;"
            + " fetch the content into a directory and point the context there");
      } else {
        out.put(name, spec.context().resolve(value).toAbsolutePath().normalize().toString());
      }
    });
    return out;
  }

  private static String errorMessage(int status, BufferedReader body) throws IOException {
    StringBuilder text = new StringBuilder();
    String line;
    while ((line = body.readLine()) != null) {
      text.append(line);
    }
    try {
      JsonNode message = JSON.readTree(text.toString()).path("message");
      return message.isTextual() ? message.asText() : "HTTP " + status + ": " + text;
    } catch (IOException notJson) {
      return "HTTP " + status + ": " + text;
    }
  }

  private static String json(Map<String, String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(StringJoiner q, String name, String value) {
    q.add(encode(name) + "=" + encode(value));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
