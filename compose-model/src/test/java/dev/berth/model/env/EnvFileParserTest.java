package dev.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnvFileParserTest {

    private static final Function<String, Optional<String>> NOTHING = name -> Optional.empty();

    private static Map<String, String> values(String text) {
        return values(text, NOTHING);
    }

    private static Map<String, String> values(String text, Function<String, Optional<String>> lookup) {
        Map<String, String> out = new LinkedHashMap<>();
        for (EnvEntry entry : EnvFileParser.parse(".env", text, lookup)) {
            out.put(entry.name(), entry.value());
        }
        return out;
    }

    @Test
    void readsAssignmentsCommentsAndBlankLines() {
        List<EnvEntry> entries = EnvFileParser.parse(".env", String.join("\n",
                "# a comment",
                "",
                "A=1",
                "   # indented comment",
                "export B=two",
                "C: yaml style",
                "  D  =  spaced  ",
                ""), NOTHING);
        assertEquals(List.of(
                new EnvEntry("A", "1", new Location(".env", 3, 1)),
                new EnvEntry("B", "two", new Location(".env", 5, 1)),
                new EnvEntry("C", "yaml style", new Location(".env", 6, 1)),
                new EnvEntry("D", "spaced", new Location(".env", 7, 1))), entries);
    }

    @Test
    void unquotedValuesDropInlineCommentsOnlyAfterASpace() {
        assertEquals(Map.of("A", "VAL", "B", "VAL# not a comment", "C", ""),
                values("A=VAL # comment\nB=VAL# not a comment\nC=\n"));
        assertEquals(Map.of("A", "some\\tvalue"), values("A=some\\tvalue"));
    }

    @Test
    void doubleQuotedValuesExpandEscapesAndSpanLines() {
        assertEquals("line1\nline2\ttab \"quoted\" back\\slash", values(
                "A=\"line1\\nline2\\ttab \\\"quoted\\\" back\\\\slash\"").get("A"));
        assertEquals("first\nsecond", values("A=\"first\nsecond\"\nB=x").get("A"));
        assertEquals("VAL # not a comment", values("A=\"VAL # not a comment\" # a comment").get("A"));
        assertEquals("S and \\q and \\012", values("A=\"\\0123 and \\q and \\012\"").get("A"));
        assertEquals("{\"hello\": \"json\"}", values("A=\"{\\\"hello\\\": \\\"json\\\"}\"").get("A"));
    }

    @Test
    void singleQuotedValuesAreLiteralAndSpanLines() {
        assertEquals(Map.of("A", "$OTHER ${X} \\n", "B", "Let's go!", "C", "a\nb"),
                values("A='$OTHER ${X} \\n'\nB='Let\\'s go!'\nC='a\nb'\n"));
    }

    @Test
    void locationsFollowMultiLineValues() {
        List<EnvEntry> entries = EnvFileParser.parse("x.env", "A='1\n2\n3'\nB=b\n\nC\n", NOTHING);
        assertEquals(new Location("x.env", 1, 1), entries.get(0).location());
        assertEquals(new Location("x.env", 4, 1), entries.get(1).location());
        assertEquals(new Location("x.env", 6, 1), entries.get(2).location());
    }

    @Test
    void bareNamesTakeTheLookupValueOrStayUnset() {
        List<EnvEntry> entries = EnvFileParser.parse(".env", "SET\nexport UNSET\nLAST",
                name -> name.equals("SET") || name.equals("LAST") ? Optional.of("from-os") : Optional.empty());
        assertEquals(List.of(
                new EnvEntry("SET", "from-os", new Location(".env", 1, 1)),
                new EnvEntry("UNSET", null, new Location(".env", 2, 1)),
                new EnvEntry("LAST", "from-os", new Location(".env", 3, 1))), entries);
    }

    @Test
    void interpolatesWithTheLookupFirstThenEarlierEntries() {
        Function<String, Optional<String>> os = name -> name.equals("HOST") ? Optional.of("os-host") : Optional.empty();
        Map<String, String> v = values(String.join("\n",
                "HOST=file-host",
                "PORT=5432",
                "URL=${HOST}:$PORT",
                "QUOTED=\"${PORT:-1}/\\$PORT/$$PORT\"",
                "LITERAL='${PORT}'",
                "MISSING=[${NOPE}]",
                "PORT=6543",
                "AFTER=$PORT"), os);
        assertEquals("os-host:5432", v.get("URL"));
        assertEquals("5432/$PORT/$PORT", v.get("QUOTED"));
        assertEquals("${PORT}", v.get("LITERAL"));
        assertEquals("[]", v.get("MISSING"));
        assertEquals("6543", v.get("AFTER"));
    }

    @Test
    void skipsAUtf8ByteOrderMarkAndCarriageReturns() {
        assertEquals(Map.of("A", "1", "B", "2"), values("\uFEFFA=1\r\nB=\"2\"\r\n"));
    }

    @Test
    void reportsEveryBadLineWithFileAndLine() {
        ComposeException e = assertThrows(ComposeException.class, () -> EnvFileParser.parse("/p/.env",
                String.join("\n", "GOOD=1", "MY VAR=x", "BAD/NAME=y", "REQ=${NEED:?set NEED}", "=z", ""), NOTHING));
        List<Problem> problems = e.problems();
        assertEquals(4, problems.size());
        assertEquals(new Location("/p/.env", 2, 1), problems.get(0).location());
        assertEquals("variable name \"MY VAR\" contains a space", problems.get(0).message());
        assertEquals(new Location("/p/.env", 3, 1), problems.get(1).location());
        assertEquals("unexpected character \"/\" in variable name \"BAD/NAME=y\"", problems.get(1).message());
        assertEquals(new Location("/p/.env", 4, 1), problems.get(2).location());
        assertEquals("required variable NEED is missing a value: set NEED", problems.get(2).message());
        assertEquals("REQ", problems.get(2).path());
        assertEquals(new Location("/p/.env", 5, 1), problems.get(3).location());
        assertEquals("missing variable name in \"=z\"", problems.get(3).message());
        assertEquals("/p/.env:2:1  MY VAR — variable name \"MY VAR\" contains a space (env file format)"
                + " — remove the space: names cannot contain blanks", problems.get(0).render());
    }

    @Test
    void reportsAnUnterminatedQuoteAtItsStatementLine() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> EnvFileParser.parse(".env", "A=1\nB=\"open\nC=2\n", NOTHING));
        assertEquals(1, e.problems().size());
        assertEquals(new Location(".env", 2, 1), e.problems().get(0).location());
        assertEquals("unterminated quoted value \"open", e.problems().get(0).message());
    }

    @Test
    void emptyTextHasNoEntries() {
        assertEquals(List.of(), EnvFileParser.parse(".env", "", NOTHING));
        assertEquals(List.of(), EnvFileParser.parse(".env", "\n  \n# only\n", NOTHING));
    }
}
