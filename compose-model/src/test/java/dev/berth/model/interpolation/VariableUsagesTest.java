package dev.berth.model.interpolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.interpolation.VariableReference.Modifier;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.Node;
import dev.berth.model.yaml.YamlReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VariableUsagesTest {

    @Test
    void listsReferencesInDocumentOrderWithLocationAndPath() {
        Node root = YamlReader.read("compose.yaml", String.join("\n",
                "services:",
                "  web:",
                "    image: ${REGISTRY:-docker.io}/web:${TAG:?tag needed}",
                "    environment:",
                "      - DB=$DB_HOST",
                "      - BROKEN=${",
                "    labels:",
                "      $NOT_A_USAGE: x",
                ""));
        List<VariableUsage> usages = VariableUsages.collect(root);
        assertEquals(List.of(
                new VariableUsage(new VariableReference("REGISTRY", Modifier.DEFAULT_IF_UNSET_OR_EMPTY, "docker.io"),
                        new Location("compose.yaml", 3, 12), "services.web.image"),
                new VariableUsage(new VariableReference("TAG", Modifier.REQUIRED_NON_EMPTY, "tag needed"),
                        new Location("compose.yaml", 3, 12), "services.web.image"),
                new VariableUsage(new VariableReference("DB_HOST", Modifier.NONE, ""),
                        new Location("compose.yaml", 5, 9), "services.web.environment[0]")), usages);
        assertEquals(Optional.of("docker.io"), usages.get(0).defaultValue());
        assertFalse(usages.get(0).required());
        assertTrue(usages.get(1).required());
        assertEquals("DB_HOST", usages.get(2).name());
    }
}
