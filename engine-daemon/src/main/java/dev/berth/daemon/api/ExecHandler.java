package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.ExecSessions;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.StreamFrames;
import dev.berth.daemon.http.HttpExchange;
import dev.berth.embedded.ExecConfig;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ContainerStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exec create, start, inspect and resize. Output is streamed as it comes, framed as Docker does; on a hijacked
 * connection an exec created with {@code AttachStdin} reads the client's input until it half-closes. With
 * {@code Tty} the process runs on a pseudo-terminal: one raw stream (no framing), and {@code resize} sets its size.
 */
final class ExecHandler {
    private static final long DETACH_POLL_MILLIS = 50;
    private final EngineBacking backing;

    ExecHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("POST", "/containers/{}/exec", this::create)
                .on("POST", "/exec/{}/start", this::start)
                .on("GET", "/exec/{}/json", this::inspect)
                .on("POST", "/exec/{}/resize", this::resize);
    }

    private void create(ApiCall call) throws IOException {
        ContainerSummary container = backing.runtime().inspect(ContainerId.of(call.path(0)));
        if (container.state().status() != ContainerStatus.RUNNING) {
            throw ApiException.conflict("Container " + container.id().value() + " is not running");
        }
        JsonNode body = call.body();
        List<String> command = new ArrayList<>();
        body.path("Cmd").forEach(c -> command.add(c.asText()));
        if (command.isEmpty()) {
            throw ApiException.badRequest("Cmd: no command specified");
        }
        Map<String, String> env = new LinkedHashMap<>();
        body.path("Env").forEach(e -> {
            String entry = e.asText();
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        });
        String user = body.path("User").asText("");
        String workingDir = body.path("WorkingDir").asText("");
        ExecSessions.Session session = backing.execs().create(container.id().value(), new ExecConfig(command, env,
                user.isEmpty() ? null : user, workingDir.isEmpty() ? null : workingDir),
                body.path("Tty").asBoolean(false), body.path("AttachStdin").asBoolean(false),
                ClientInput.detachKeys(Optional.ofNullable(body.path("DetachKeys").textValue())));
        Optional<TerminalSize> size = TerminalSize.fromBody(body);
        if (size.isPresent()) {
            session.terminal().resize(size.get().rows(), size.get().cols()); // kept until it runs
        }
        call.json(201, Json.object().put("Id", session.id()));
    }

    private void start(ApiCall call) throws IOException {
        JsonNode body = call.body();
        boolean detach = body.path("Detach").asBoolean(false);
        ExecSessions.Session session;
        try {
            session = backing.execs().start(session(call.path(0)).id(), body.path("Tty").asBoolean(false));
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        Optional<TerminalSize> size = TerminalSize.fromBody(body);
        if (size.isPresent()) {
            session.terminal().resize(size.get().rows(), size.get().cols());
        }
        if (detach) {
            Thread runner = new Thread(() -> run(session, null, OutputStream.nullOutputStream(),
                    OutputStream.nullOutputStream()), "berth-exec-" + session.id().substring(0, 12));
            runner.setDaemon(true);
            runner.start();
            call.json(200, Json.object());
            return;
        }
        String contentType = session.tty() ? StreamFrames.RAW : StreamFrames.MULTIPLEXED;
        OutputStream out;
        InputStream in = null;
        if (call.request().wantsUpgrade()) {
            HttpExchange.Hijacked connection = call.exchange().hijack(contentType);
            out = connection.out();
            in = session.attachStdin() ? connection.in() : null;
        } else {
            out = call.exchange().stream(200, contentType);
        }
        StreamFrames frames = new StreamFrames(out, session.tty());
        if (in != null && session.tty()) {
            runDetachable(session, new DetachableInput(in, session.detachKeys()), frames.stream(false));
        } else {
            run(session, in, frames.stream(false), frames.stream(true));
        }
        out.close();
    }

    /**
     * Runs an exec on a terminal on a thread of its own until it ends or the client types the detach keys; then the
     * connection is closed and the process keeps running (its later output is dropped), as dockerd does.
     */
    private void runDetachable(ExecSessions.Session session, DetachableInput in, OutputStream terminal) {
        Thread runner = new Thread(() -> {
            try {
                run(session, in, terminal, terminal);
            } finally {
                in.release();
            }
        }, "berth-exec-" + session.id().substring(0, 12));
        runner.setDaemon(true);
        runner.start();
        try {
            while (runner.isAlive()) {
                if (in.awaitDetach(DETACH_POLL_MILLIS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the exec; on a terminal its one stream is {@code stdout}. */
    private void run(ExecSessions.Session session, InputStream in, OutputStream stdout, OutputStream stderr) {
        int code;
        try {
            code = session.tty()
                    ? backing.engine().execWithTerminal(session.containerId(), session.config(), in, stdout,
                            session.terminal())
                    : backing.engine().exec(session.containerId(), session.config(), in, stdout, stderr);
        } catch (RuntimeException e) {
            code = 126;
            try {
                stderr.write((String.valueOf(e.getMessage()) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException clientGone) {
                // nobody to tell
            }
        }
        backing.execs().finish(session.id(), code);
    }

    private void inspect(ApiCall call) throws IOException {
        ExecSessions.Session s = session(call.path(0));
        ObjectNode out = Json.object();
        out.put("ID", s.id());
        out.put("Running", s.running());
        if (s.exitCode().isPresent()) {
            out.put("ExitCode", s.exitCode().get());
        } else {
            out.putNull("ExitCode");
        }
        ObjectNode process = out.putObject("ProcessConfig");
        process.put("tty", s.tty());
        process.put("entrypoint", s.config().command().get(0));
        var arguments = process.putArray("arguments");
        s.config().command().subList(1, s.config().command().size()).forEach(arguments::add);
        process.put("privileged", false);
        out.put("OpenStdin", s.attachStdin());
        out.put("OpenStderr", true);
        out.put("OpenStdout", true);
        out.put("CanRemove", false);
        out.put("ContainerID", s.containerId());
        out.put("DetachKeys", s.detachKeys().toString());
        out.put("Pid", 0);
        call.json(200, out);
    }

    /** {@code ?h=&w=}: the size of the exec's terminal (kept until it starts, if it has not yet). */
    private void resize(ApiCall call) throws IOException {
        ExecSessions.Session session = session(call.path(0));
        TerminalSize size = TerminalSize.fromQuery(call);
        if (!session.tty()) {
            throw ApiException.conflict("exec " + session.id() + " has no terminal to resize (create it with Tty)");
        }
        try {
            session.terminal().resize(size.rows(), size.cols());
        } catch (IOException e) {
            if (backing.execs().find(session.id()).map(ExecSessions.Session::running).orElse(false)) {
                throw new ApiException(500, "cannot resize the terminal of exec " + session.id() + ": "
                        + e.getMessage());
            }
            // it ended meanwhile: there is no terminal left to resize
        }
        call.json(200, Json.object());
    }

    private ExecSessions.Session session(String id) {
        return backing.execs().find(id).orElseThrow(() -> ApiException.notFound("No such exec instance: " + id));
    }
}
