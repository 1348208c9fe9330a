package dev.berth.cli.server;

import dev.berth.cli.invocation.TerminalFacts;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client asks the server to run, decoded from the {@link FrameType#REQUEST} payload:
 * <pre>
 * u32 protocol version     (first, so that any version can be refused before the rest is read)
 * str jar identity         (the berth.jar the client expects: path, inode, size, modification time)
 * str codeset              (nl_langinfo(CODESET) of the client's locale: how its argv, env and output are encoded)
 * str working directory
 * u8  terminals            (bit 0: fd 0 is a terminal, bit 1: fd 1, bit 2: fd 2)
 * u16 columns, u16 rows    (0 when unknown)
 * u32 argc, then argc str  (the arguments after "berth")
 * u32 envc, then envc str  (NAME=value)
 * </pre>
 * where {@code str} is {@code u32 length} then that many bytes.
 */
record Request(String jarIdentity, Charset charset, Path workingDirectory, TerminalFacts terminal, List<String> args,
        Map<String, String> env) {

    /** The protocol version this server speaks. */
    static final int VERSION = 1;

    /** The version a request payload states. */
    static int versionOf(byte[] payload) throws ProtocolException {
        return new PayloadReader(payload).u32();
    }

    /** Decodes a payload of {@link #VERSION}. */
    static Request decode(byte[] payload) throws ProtocolException {
        PayloadReader in = new PayloadReader(payload);
        int version = in.u32();
        if (version != VERSION) {
            throw new ProtocolException("protocol version " + version + ", this server speaks " + VERSION);
        }
        String identity = in.string(FileNames.CHARSET);
        Charset charset = charset(in.string(StandardCharsets.US_ASCII));
        String directory = in.string(charset);
        int terminals = in.u8();
        int columns = in.u16();
        int rows = in.u16();
        List<String> args = new ArrayList<>();
        for (int i = in.count(4); i > 0; i--) {
            args.add(in.string(charset));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = in.count(4); i > 0; i--) {
            String entry = in.string(charset);
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        in.expectEnd();
        Path cwd;
        try {
            cwd = Path.of(directory);
        } catch (InvalidPathException e) {
            throw new ProtocolException("the working directory is not a path: " + e.getMessage());
        }
        if (!cwd.isAbsolute()) {
            throw new ProtocolException("the working directory " + directory + " is not absolute");
        }
        TerminalFacts terminal = new TerminalFacts((terminals & 1) != 0, (terminals & 2) != 0, (terminals & 4) != 0,
                columns, rows);
        return new Request(identity, charset, cwd, terminal, List.copyOf(args), Map.copyOf(env));
    }

    /**
     * The charset a JVM started in the client's locale would use by default; an unknown codeset falls back to UTF-8.
     */
    static Charset charset(String codeset) {
        if (codeset.isEmpty()) {
            return StandardCharsets.US_ASCII;
        }
        try {
            return Charset.forName(codeset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
