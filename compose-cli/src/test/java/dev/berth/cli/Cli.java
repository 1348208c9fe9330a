package dev.berth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs berth in-process on the shared fake runtime with a compose file in {@code dir}; captures out and err. */
final class Cli {
    record Result(int code, String out, String err) {
    }

    private final Path file;

    Cli(Path dir, String yaml) {
        file = dir.resolve("compose.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code berth -f <file> --runtime fake --progress plain ARGS...} with an empty stdin; what the command writes to
     * standard output as bytes (a session's output) is appended to {@link Result#out()}.
     */
    Result run(String... args) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Result r = run(java.io.InputStream.nullInputStream(), bytes, args);
        return new Result(r.code(), r.out() + bytes.toString(java.nio.charset.StandardCharsets.UTF_8), r.err());
    }

    /** As {@link #run} with {@code stdin} as standard input and standard output's bytes going to {@code stdout}. */
    Result run(java.io.InputStream stdin, java.io.OutputStream stdout, String... args) {
        List<String> all = new ArrayList<>(List.of("-f", file.toString(), "--runtime", "fake", "--progress", "plain"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new dev.berth.cli.invocation.StandardStreams(stdin, stdout), new PrintWriter(out),
                new PrintWriter(err), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    static Result raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
