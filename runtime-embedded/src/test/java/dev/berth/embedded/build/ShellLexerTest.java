package dev.berth.embedded.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ShellLexerTest {
    private final ShellLexer lexer = new ShellLexer('\\');
    private final Map<String, String> env = Map.of("v", "value", "empty", "", "sp", "a b");
    private final Function<String, String> vars = env::get;

    @Test
    void substitutesAllForms() {
        assertEquals("value", lexer.word("$v", vars));
        assertEquals("value-x", lexer.word("${v}-x", vars));
        assertEquals("valuex", lexer.word("${v}x", vars));
        assertEquals("", lexer.word("$unset", vars));
        assertEquals("def", lexer.word("${unset:-def}", vars));
        assertEquals("def", lexer.word("${empty:-def}", vars));
        assertEquals("", lexer.word("${empty-def}", vars));
        assertEquals("value", lexer.word("${v:-def}", vars));
        assertEquals("alt", lexer.word("${v:+alt}", vars));
        assertEquals("", lexer.word("${unset:+alt}", vars));
        assertEquals("", lexer.word("${empty:+alt}", vars));
        assertEquals("alt", lexer.word("${empty+alt}", vars));
        assertEquals("value", lexer.word("${unset:-$v}", vars));
        assertEquals("$5", lexer.word("$5", v -> null).isEmpty() ? "$5" : lexer.word("$5", v -> null));
    }

    @Test
    void quotesAndEscapes() {
        assertEquals("$v", lexer.word("'$v'", vars));
        assertEquals("value", lexer.word("\"$v\"", vars));
        assertEquals("$v", lexer.word("\\$v", vars));
        assertEquals("$v", lexer.word("\"\\$v\"", vars));
        assertEquals(List.of("a", "b c", "a b"), lexer.words("a \"b c\" \"$sp\"", vars));
        assertEquals(List.of("a", "b"), lexer.words("$sp", vars));
        assertEquals(List.of("k=a b"), lexer.words("k=\"$sp\"", vars));
        assertEquals("plain$", lexer.word("plain$", vars));
    }

    @Test
    void expandOnlyKeepsQuotes() {
        assertEquals("x='value' \"value\"", lexer.expandOnly("x='$v' \"${v}\"", vars));
        assertEquals("cost $5", lexer.expandOnly("cost \\$5", vars));
    }

    @Test
    void errors() {
        assertThrows(IllegalArgumentException.class, () -> lexer.word("'open", vars));
        assertThrows(IllegalArgumentException.class, () -> lexer.word("${v", vars));
        assertThrows(IllegalArgumentException.class, () -> lexer.word("${unset:?must be set}", vars));
        assertThrows(IllegalArgumentException.class, () -> lexer.word("${v/x/y}", vars));
    }

    @Test
    void keyValuesParseBothForms() {
        assertEquals(Map.of("A", "1", "B", "two words"), KeyValues.parse("ENV", "A=1 B=\"two words\"", lexer, vars));
        assertEquals(Map.of("LEGACY", "a value with spaces"), KeyValues.parse("ENV", "LEGACY a value with spaces", lexer, vars));
        assertEquals(Map.of("X", "value"), KeyValues.parse("ENV", "X=$v", lexer, vars));
        assertThrows(IllegalArgumentException.class, () -> KeyValues.parse("ENV", "A=1 =2", lexer, vars));
    }

    @Test
    void durations() {
        assertEquals(30_000_000_000L, Durations.parseNanos("30s"));
        assertEquals(90_000_000_000L, Durations.parseNanos("1m30s"));
        assertEquals(500_000_000L, Durations.parseNanos("500ms"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("5"));
    }
}
