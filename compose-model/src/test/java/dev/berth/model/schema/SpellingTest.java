package dev.berth.model.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpellingTest {

    private static final List<String> KEYS = List.of("image", "environment", "entrypoint", "ports", "platform");

    @Test
    void suggestsTheNearestKey() {
        assertEquals(Optional.of("environment"), Spelling.closest("enviroment", KEYS));
        assertEquals(Optional.of("image"), Spelling.closest("imgae", KEYS));
        assertEquals(Optional.of("ports"), Spelling.closest("port", KEYS));
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertEquals(Optional.empty(), Spelling.closest("impossible", KEYS));
        assertEquals(Optional.empty(), Spelling.closest("x", KEYS));
    }

    @Test
    void countsATranspositionAsOneEdit() {
        assertEquals(1, Spelling.distance("imgae", "image"));
        assertEquals(3, Spelling.distance("kitten", "sitting"));
    }
}
