package dev.berth.cli.root;

import java.io.InputStream;
import java.io.OutputStream;

/** Standard input and output as bytes, for commands that read or write binary data such as a tar stream. */
public record StandardStreams(InputStream in, OutputStream out) {
    public static StandardStreams system() {
        return new StandardStreams(System.in, System.out);
    }
}
