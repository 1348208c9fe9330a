package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.daemon.backing.EngineBacking;
import dev.berth.daemon.backing.ExecSessions;
import dev.berth.daemon.backing.Json;
import dev.berth.daemon.backing.StreamFrames;
import dev.berth.embedded.ExecConfig;
import dev.berth.embedded.ExecResult;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ContainerStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exec create, start and inspect. The engine runs an exec to completion with its output captured, so start sends
 * the output when the process has ended, framed as Docker does; stdin and TTY execs are not offered yet.
 */
final class ExecHandler {
    private final EngineBacking backing;

    ExecHandler(EngineBacking backing) {
        this.backing = backing;
    }

    void register(Router r) {
        r.on("POST", "/containers/{}/exec", this::create)
                .on("POST", "/exec/{}/start", this::start)
                .on("GET", "/exec/{}/json", this::inspect);
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
        if (body.path("Tty").asBoolean(false)) {
            throw new ApiException(501, "Tty: exec with a terminal is not supported by the berth engine yet");
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
                user.isEmpty() ? null : user, workingDir.isEmpty() ? null : workingDir), false);
        call.json(201, Json.object().put("Id", session.id()));
    }

    private void start(ApiCall call) throws IOException {
        ExecSessions.Session session = session(call.path(0));
        boolean detach = call.body().path("Detach").asBoolean(false);
        try {
            backing.execs().start(session.id());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        if (detach) {
            Thread runner = new Thread(() -> run(session), "berth-exec-" + session.id().substring(0, 12));
            runner.setDaemon(true);
            runner.start();
            call.json(200, Json.object());
            return;
        }
        OutputStream out = StreamOutput.open(call, StreamFrames.MULTIPLEXED);
        ExecResult result = run(session);
        StreamFrames frames = new StreamFrames(out, false);
        frames.write(false, result.stdout());
        frames.write(true, result.stderr());
        out.close();
    }

    private ExecResult run(ExecSessions.Session session) {
        ExecResult result;
        try {
            result = backing.engine().exec(session.containerId(), session.config());
        } catch (RuntimeException e) {
            result = new ExecResult(126, "", String.valueOf(e.getMessage()) + "\n");
        }
        backing.execs().finish(session.id(), result.exitCode());
        return result;
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
        out.put("OpenStdin", false);
        out.put("OpenStderr", true);
        out.put("OpenStdout", true);
        out.put("CanRemove", false);
        out.put("ContainerID", s.containerId());
        out.put("DetachKeys", "");
        out.put("Pid", 0);
        call.json(200, out);
    }

    private ExecSessions.Session session(String id) {
        return backing.execs().find(id).orElseThrow(() -> ApiException.notFound("No such exec instance: " + id));
    }
}
