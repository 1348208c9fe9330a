package dev.berth.model.interpolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.interpolation.VariableReference.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Map<String, String> ENV = Map.of("FOO", "first", "EMPTY", "", "HOST", "db");

    private static Function<String, Optional<String>> env() {
        return name -> Optional.ofNullable(ENV.get(name));
    }

    private static String sub(String template) {
        return Template.substitute(template, env());
    }

    @Test
    void plainAndBracedReferences() {
        assertEquals("first/first", sub("$FOO/${FOO}"));
        assertEquals("first_x", sub("${FOO}_x"));
        assertEquals("", sub("$FOO_x"), "FOO_x is one name, and unset");
    }

    @Test
    void defaultsDistinguishUnsetFromEmpty() {
        assertEquals("d", sub("${EMPTY:-d}"));
        assertEquals("", sub("${EMPTY-d}"));
        assertEquals("d", sub("${NOPE-d}"));
        assertEquals("first", sub("${FOO:-d}"));
    }

    @Test
    void replacementsApplyOnlyWhenSet() {
        assertEquals("r", sub("${FOO:+r}"));
        assertEquals("", sub("${EMPTY:+r}"));
        assertEquals("r", sub("${EMPTY+r}"));
        assertEquals("", sub("${NOPE+r}"));
    }

    @Test
    void nestedDefaultsAreEvaluatedOnlyWhenUsed() {
        assertEquals("db:5432", sub("${NOPE:-${HOST}:${PORT:-5432}}"));
        List<String> unset = new ArrayList<>();
        assertEquals("first", Template.substitute("${FOO:-${MISSING}}", env(), unset::add));
        assertEquals(List.of(), unset);
        assertEquals("", Template.substitute("${NOPE:-${MISSING}}", env(), unset::add));
        assertEquals(List.of("MISSING"), unset);
    }

    @Test
    void dollarEscapesAndLoneDollars() {
        assertEquals("$FOO costs $5 and $", sub("$$FOO costs $5 and $"));
        assertEquals("a $$ b", sub("a $$$$ b"));
        assertEquals("${FOO}", sub("$${FOO}"));
    }

    @Test
    void unsetPlainReferencesAreReportedEachTime() {
        List<String> unset = new ArrayList<>();
        assertEquals("-", Template.substitute("$A-${A}", env(), unset::add));
        assertEquals(List.of("A", "A"), unset);
    }

    @Test
    void requiredVariablesFailWithTheirMessage() {
        InterpolationException e = assertThrows(InterpolationException.class, () -> sub("${NOPE:?set it ${FOO}}"));
        assertEquals("required variable NOPE is missing a value: set it first", e.getMessage());
        assertEquals(Optional.of("NOPE"), e.variable());
        assertFalse(e.isSyntaxError());
        assertEquals("required variable EMPTY is missing a value",
                assertThrows(InterpolationException.class, () -> sub("${EMPTY:?}")).getMessage());
        assertEquals("", sub("${EMPTY?}"));
    }

    @Test
    void invalidSyntaxNamesTheTemplate() {
        InterpolationException e = assertThrows(InterpolationException.class, () -> sub("x ${FOO"));
        assertEquals("Invalid template: \"x ${FOO\": \"${\" is not closed by \"}\"; write $$ for a literal $",
                e.getMessage());
        assertTrue(e.isSyntaxError());
        assertEquals("Invalid template: \"${FOO/a/b}\": unexpected \"/\" after ${FOO;"
                        + " expected }, :-, -, :?, ?, :+ or +",
                assertThrows(InterpolationException.class, () -> sub("${FOO/a/b}")).getMessage());
        assertThrows(InterpolationException.class, () -> sub("${1}"));
        assertThrows(InterpolationException.class, () -> sub("${FOO:-ok} ${}"), "parsing is eager");
    }

    @Test
    void bracesInsideArgumentsAreBalanced() {
        assertEquals("{\"a\":{\"b\":1}}", sub("${NOPE:-{\"a\":{\"b\":1}}}"));
    }

    @Test
    void referencesListOuterThenNestedInOrder() {
        List<VariableReference> refs = Template.references("$A ${B:-${C}x} ${D:?need D} ${E:+e} $$F");
        assertEquals(List.of(
                new VariableReference("A", Modifier.NONE, ""),
                new VariableReference("B", Modifier.DEFAULT_IF_UNSET_OR_EMPTY, "${C}x"),
                new VariableReference("C", Modifier.NONE, ""),
                new VariableReference("D", Modifier.REQUIRED_NON_EMPTY, "need D"),
                new VariableReference("E", Modifier.REPLACE_IF_NON_EMPTY, "e")), refs);
        assertEquals(Optional.of("${C}x"), refs.get(1).defaultValue());
        assertTrue(refs.get(3).required());
        assertEquals(Optional.of("need D"), refs.get(3).errorMessage());
        assertEquals(Optional.of("e"), refs.get(4).replacement());
        assertEquals("${B:-${C}x}", refs.get(1).toTemplate());
        assertEquals(List.of(), Template.references("no variables"));
    }
}
