package dev.berth.model.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;

/**
 * Berth's Compose schema, read from the classpath and compiled once, the first time it is needed
 * (holder idiom: class initialisation is lazy and thread-safe).
 */
final class CompiledSchema {

    static final String RESOURCE = "/dev/berth/model/schema/compose-spec.json";

    private CompiledSchema() {
    }

    static Schema get() {
        return Holder.SCHEMA;
    }

    /** How long reading and compiling the schema took, in nanoseconds (loads it if not loaded yet). */
    static long loadNanos() {
        return Holder.LOAD_NANOS;
    }

    private static final class Holder {
        private static final long LOAD_NANOS;
        private static final Schema SCHEMA;

        static {
            long start = System.nanoTime();
            SCHEMA = load();
            LOAD_NANOS = System.nanoTime() - start;
        }
    }

    private static Schema load() {
        try (InputStream in = CompiledSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Compose schema missing from the classpath: " + RESOURCE);
            }
            JSONObject raw = new JSONObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return SchemaLoader.builder()
                    .draftV7Support()
                    .useDefaults(false)
                    .schemaJson(raw)
                    .build()
                    .load()
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Compose schema " + RESOURCE, e);
        }
    }
}
