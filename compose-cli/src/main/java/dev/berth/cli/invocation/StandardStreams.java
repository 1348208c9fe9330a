package dev.berth.cli.invocation;

import java.io.InputStream;
import java.io.OutputStream;

/** Standard input and output as bytes, for commands that read or write binary data such as a tar stream. */
public record StandardStreams(InputStream in, OutputStream out) {
    /** This process's own standard input and output. */
    public static StandardStreams system() {
        return new StandardStreams(System.in, System.out);
    }
}
