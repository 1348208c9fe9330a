package dev.berth.docker;

import com.github.dockerjava.api.exception.DockerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request whose connection the engine hands over to a process's streams, as {@code docker attach} and
 * {@code docker exec} use it: {@code POST} with {@code Connection: Upgrade} and {@code Upgrade: tcp}; after the
 * engine's {@code 101} (or, from old engines, {@code 200}) answer, what the engine sends is the process's output and
 * what we send is its stdin, until {@link #closeInput()} half-closes our side.
 */
final class HijackedConnection implements AutoCloseable {
  private static final int MAX_HEAD = 64 * 1024;
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final EngineSocket socket;

  private HijackedConnection(EngineSocket socket) {
    this.socket = socket;
  }

  /**
   * Sends {@code POST path} with {@code json} as body (may be empty) and waits for the engine's answer.
   *
   * @throws DockerException when the engine refuses (its status and message), translated by {@link DockerErrors}
   * @throws IOException when the engine cannot be reached or breaks the protocol
   */
  static HijackedConnection open(DockerEndpoint endpoint, String path, String json) throws IOException {
    EngineSocket socket = EngineSocket.connect(endpoint);
    try {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head = "POST " + path + " HTTP/1.1\r\n"
          + "Host: " + socket.hostHeader() + "\r\n"
          + "User-Agent: berth\r\n"
          + "Content-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n"
          + "Connection: Upgrade\r\n"
          + "Upgrade: tcp\r\n"
          + "\r\n";
      OutputStream out = socket.output();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      Response response = readHead(socket.input());
      if (response.status() != 101 && response.status() != 200) {
        throw new DockerException(readErrorBody(socket.input(), response.headers()), response.status());
      }
      return new HijackedConnection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The process's output as the engine sends it (raw with a terminal, else in stream frames). */
  InputStream output() {
    return socket.input();
  }

  /** The process's stdin. */
  OutputStream input() {
    return socket.output();
  }

  /** Tells the engine our input has ended; the output keeps coming. */
  void closeInput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public void close() {
    socket.close();
  }

  private record Response(int status, Map<String, String> headers) {}

  /** Reads the status line and headers, byte by byte so that nothing of the stream after them is consumed. */
  private static Response readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the engine closed the connection before answering");
      }
      head.write(b);
      if (head.size() > MAX_HEAD) {
        throw new IOException("the engine's answer has no end of headers within " + MAX_HEAD + " bytes");
      }
      last4 = (last4 << 8) | b;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      throw new IOException("the engine answered with something other than HTTP: " + lines[0]);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new IOException("the engine answered with a malformed status line: " + lines[0], e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1)
            .trim());
      }
    }
    return new Response(status, headers);
  }

  /** The body of an error answer: by its length, its chunks, or up to the end of the connection. */
  private static String readErrorBody(InputStream in, Map<String, String> headers) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (headers.containsKey("content-length")) {
      int length = Math.min(MAX_ERROR_BODY, Integer.parseInt(headers.get("content-length")));
      body.write(in.readNBytes(length));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (body.size() < MAX_ERROR_BODY) {
        String sizeLine = readLine(in);
        int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
        if (size == 0) {
          break;
        }
        body.write(in.readNBytes(size));
        readLine(in);
      }
    } else {
      body.write(in.readNBytes(MAX_ERROR_BODY));
    }
    return body.toString(StandardCharsets.UTF_8).trim();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
