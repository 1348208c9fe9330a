package dev.berth.embedded.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.embedded.image.Json;
import dev.berth.embedded.util.Command;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link OciRuntime} over the runc/crun command line with a private {@code --root}. */
public final class CliOciRuntime implements OciRuntime {
    private static final File DEV_NULL = new File("/dev/null");
    private final String name;
    private final Path binary;
    private final Path stateRoot;

    public CliOciRuntime(String name, Path binary, Path stateRoot) {
        this.name = name;
        this.binary = binary;
        this.stateRoot = stateRoot;
        try {
            Files.createDirectories(stateRoot);
        } catch (IOException e) {
            throw new OciRuntimeException("cannot create the runtime state root " + stateRoot + ": " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return name;
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--root", stateRoot.toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public Path binary() {
        return binary;
    }

    @Override
    public Path stateRoot() {
        return stateRoot;
    }

    @Override
    public void kill(String id, String signal, boolean all) {
        check("kill", all ? command("kill", "--all", id, signal) : command("kill", id, signal));
    }

    /**
     * Deletes the container's state; one whose init has ended is removed without starting runc where that is all
     * {@code runc delete} would do (see {@link StoppedRuncState}).
     */
    @Override
    public void delete(String id, boolean force) {
        if (name.equals("runc") && StoppedRuncState.remove(stateRoot.resolve(id))) {
            return;
        }
        Command.Result result = Command.run(force ? command("delete", "--force", id) : command("delete", id));
        if (!result.ok() && !result.stderr().contains("does not exist") && !result.stderr().contains("not exist")) {
            throw new OciRuntimeException(name + " delete " + id + " failed: " + result.stderr());
        }
    }

    @Override
    public boolean exists(String id) {
        return Files.exists(stateRoot.resolve(id));
    }

    @Override
    public Optional<RuntimeState> state(String id) {
        Command.Result result = Command.run(command("state", id));
        if (!result.ok()) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(result.stdout());
            return Optional.of(new RuntimeState(node.path("id").asText(), node.path("status").asText(),
                    node.path("pid").asInt()));
        } catch (IOException e) {
            throw new OciRuntimeException(name + " state printed invalid JSON: " + e.getMessage());
        }
    }

    @Override
    public void pause(String id) {
        check("pause", command("pause", id));
    }

    @Override
    public void resume(String id) {
        check("resume", command("resume", id));
    }

    @Override
    public Process exec(String id, Path processJson, boolean openStdin) {
        List<String> command = command("exec", "--process", processJson.toString(), id);
        if (!openStdin) {
            return spawn(command, "exec in " + id);
        }
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new OciRuntimeException("cannot start " + name + " for exec in " + id + ": " + e.getMessage());
        }
    }

    @Override
    public String statsJson(String id) {
        Command.Result result = Command.run(command("events", "--stats", id));
        if (!result.ok()) {
            throw new OciRuntimeException(name + " events --stats failed: " + result.stderr());
        }
        return result.stdout();
    }

    @Override
    public List<Integer> pids(String id) {
        Command.Result result = Command.run(command("ps", "--format", "json", id));
        if (!result.ok()) {
            return List.of();
        }
        List<Integer> pids = new ArrayList<>();
        try {
            for (JsonNode pid : Json.MAPPER.readTree(result.stdout())) {
                pids.add(pid.asInt());
            }
        } catch (IOException e) {
            throw new OciRuntimeException(name + " ps printed invalid JSON: " + e.getMessage());
        }
        return List.copyOf(pids);
    }

    private Process spawn(List<String> command, String what) {
        try {
            return new ProcessBuilder(command).redirectInput(DEV_NULL).start();
        } catch (IOException e) {
            throw new OciRuntimeException("cannot start " + name + " for " + what + ": " + e.getMessage());
        }
    }

    private void check(String verb, List<String> command) {
        Command.Result result = Command.run(command);
        if (!result.ok()) {
            throw new OciRuntimeException(name + " " + verb + " failed: " + result.stderr());
        }
    }
}
