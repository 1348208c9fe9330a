package dev.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.model.tree.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void overlayLetsTheHigherEnvironmentWinAndKeepsOrder() {
        Environment files = Environment.fromEntries(List.of(
                new EnvEntry("A", "file-a", new Location("/p/.env", 1, 1)),
                new EnvEntry("B", "file-b", new Location("/p/.env", 2, 1)),
                new EnvEntry("U", null, new Location("/p/.env", 3, 1))));
        Environment os = Environment.of(ordered("B", "os-b", "C", "os-c"), VariableOrigin.Kind.OS_ENVIRONMENT);
        Environment merged = files.overlay(os);
        assertEquals(ordered("A", "file-a", "B", "os-b", "C", "os-c"), merged.asMap());
        assertEquals(List.of("A", "B", "C"), List.copyOf(merged.asMap().keySet()));
        assertEquals(Optional.of(VariableOrigin.envFile(new Location("/p/.env", 1, 1))), merged.origin("A"));
        assertEquals(Optional.of(VariableOrigin.of(VariableOrigin.Kind.OS_ENVIRONMENT)), merged.origin("B"));
        assertEquals(Optional.empty(), merged.get("U"));
        assertEquals(Optional.empty(), merged.origin("U"));
    }

    @Test
    void isImmutable() {
        Environment env = Environment.of(ordered("A", "1"), VariableOrigin.Kind.COMMAND_LINE);
        assertThrows(UnsupportedOperationException.class, () -> env.asMap().put("B", "2"));
        Environment more = env.with("B", "2", VariableOrigin.of(VariableOrigin.Kind.LOADER));
        assertEquals(ordered("A", "1"), env.asMap());
        assertEquals(ordered("A", "1", "B", "2"), more.asMap());
        assertEquals(Optional.of(""), Environment.of(ordered("E", ""), VariableOrigin.Kind.OS_ENVIRONMENT).get("E"));
        assertEquals(Map.of(), Environment.empty().asMap());
    }
}
