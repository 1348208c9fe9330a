package dev.berth.embedded.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a helper command (ip, iptables-restore...) with optional stdin; failures become NetworkException. */
final class Exec {
    private Exec() {
    }

    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Result run(List<String> command, String stdin) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.redirectError(ProcessBuilder.Redirect.PIPE);
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread pump = new Thread(() -> {
                try {
                    process.getErrorStream().transferTo(err);
                } catch (IOException ignored) {
                    // process ended
                }
            }, "berth-net-exec-err");
            pump.setDaemon(true);
            pump.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            pump.join();
            return new Result(code, out, err.toString(StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return new Result(127, "", "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted while running " + command.get(0));
        }
    }

    static Result check(List<String> command, String stdin, String what) {
        Result result = run(command, stdin);
        if (!result.ok()) {
            throw new NetworkException(what + " failed: '" + String.join(" ", command) + "' exited "
                    + result.exitCode() + ": " + result.stderr()
                    + (stdin == null ? "" : " (input: " + stdin.strip().replace('\n', ';') + ")"));
        }
        return result;
    }
}
