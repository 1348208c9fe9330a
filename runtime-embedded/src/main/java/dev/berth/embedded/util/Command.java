package dev.berth.embedded.util;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs a short helper command (mount, runc state...) to completion, capturing its output. */
public final class Command {
    private Command() {
    }

    /** The outcome of a finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(List<String> command) {
        return run(command, null);
    }

    public static Result run(List<String> command, Path directory) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process process = builder.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errPump = Threads.daemon("berth-cmd-err", () -> {
                try {
                    process.getErrorStream().transferTo(err);
                } catch (IOException ignored) {
                    // the command ended
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            errPump.join();
            return new Result(code, out, err.toString(StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return new Result(127, "", "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted while running " + command.get(0));
        }
    }

    /** Runs and throws {@code IllegalStateException} with the command's stderr when it fails. */
    public static Result check(List<String> command, String what) {
        Result result = run(command);
        if (!result.ok()) {
            throw new IllegalStateException(what + " failed: '" + String.join(" ", command) + "' exited "
                    + result.exitCode() + ": " + result.stderr());
        }
        return result;
    }
}
