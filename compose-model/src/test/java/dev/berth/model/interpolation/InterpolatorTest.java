package dev.berth.model.interpolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.tree.Tag;
import dev.berth.model.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InterpolatorTest {

    private static final Function<String, Optional<String>> ENV =
            name -> Optional.ofNullable(Map.of("TAG", "1.2", "PORT", "8080", "KEY_NAME", "nope").get(name));

    private final List<Problem> warnings = new ArrayList<>();
    private final Problems problems = new Problems(warnings::add);

    private static MapNode service(Node root) {
        return ((MapNode) root).map("services").orElseThrow().map("web").orElseThrow();
    }

    @Test
    void substitutesStringValuesButNeverKeys() {
        Node root = YamlReader.read("compose.yaml", String.join("\n",
                "services:",
                "  web:",
                "    image: \"nginx:${TAG}\"",
                "    ports: [ $PORT ]",
                "    labels:",
                "      \"${KEY_NAME}\": $TAG",
                "    stop_grace_period: 10",
                "    container_name: ${NAME:-web}",
                ""));
        MapNode web = service(Interpolator.interpolate(root, ENV, problems));
        assertEquals("nginx:1.2", web.text("image").orElseThrow());
        ScalarNode port = (ScalarNode) ((ListNode) web.get("ports").orElseThrow()).get(0);
        assertEquals("8080", port.value());
        assertFalse(port.quoted(), "a plain scalar stays plain so the schema phase can cast it");
        assertEquals(new Location("compose.yaml", 4, 14), port.location());
        MapNode labels = web.map("labels").orElseThrow();
        assertEquals(List.of("${KEY_NAME}"), List.copyOf(labels.entries().keySet()));
        assertEquals("1.2", labels.text("${KEY_NAME}").orElseThrow());
        assertEquals("web", web.text("container_name").orElseThrow());
        assertEquals(10L, ((ScalarNode) web.get("stop_grace_period").orElseThrow()).value());
        assertFalse(problems.hasErrors());
        assertEquals(List.of(), warnings);
    }

    @Test
    void keepsTagsAndLocations() {
        ScalarNode tagged = new ScalarNode("$TAG", true, new Location("o.yaml", 3, 9), Tag.OVERRIDE);
        MapNode root = MapNode.of(Map.of("image", tagged), new Location("o.yaml", 1, 1)).withTag(Tag.RESET);
        MapNode out = (MapNode) Interpolator.interpolate(root, ENV, problems);
        ScalarNode image = (ScalarNode) out.get("image").orElseThrow();
        assertEquals(new ScalarNode("1.2", true, new Location("o.yaml", 3, 9), Tag.OVERRIDE), image);
        assertEquals(new Location("o.yaml", 3, 9), image.location());
        assertEquals(Tag.RESET, out.tag());
        assertEquals(new Location("o.yaml", 1, 1), out.location());
    }

    @Test
    void leavesValuesWithoutDollarUntouched() {
        ScalarNode plain = ScalarNode.of("nginx", new Location("c.yaml", 1, 8));
        assertSame(plain, Interpolator.interpolate(plain, ENV, problems));
    }

    @Test
    void collectsEveryFailureWithLocationAndPath() {
        Node root = YamlReader.read("compose.yaml", String.join("\n",
                "services:",
                "  web:",
                "    image: ${IMAGE:?set IMAGE}",
                "    command: [ \"echo\", \"${oops\" ]",
                ""));
        Interpolator.interpolate(root, ENV, problems);
        List<Problem> errors = problems.errors();
        assertEquals(2, errors.size());
        Problem first = errors.get(0);
        assertEquals(new Location("compose.yaml", 3, 12), first.location());
        assertEquals("services.web.image", first.path());
        assertEquals("${IMAGE:?set IMAGE}", first.value());
        assertEquals("required variable IMAGE is missing a value: set IMAGE", first.message());
        assertEquals("set IMAGE in the shell or in the .env file (or with --env-file)", first.hint());
        Problem second = errors.get(1);
        assertEquals("services.web.command[1]", second.path());
        assertEquals(new Location("compose.yaml", 4, 24), second.location());
        assertTrue(second.message().startsWith("Invalid template: \"${oops\""), second.message());
    }

    @Test
    void warnsOncePerUnsetVariableAcrossFiles() {
        Node first = YamlReader.read("a.yaml", "x: $MISSING\ny: [\"${MISSING}\", $OTHER]\n");
        Node second = YamlReader.read("b.yaml", "z: ${MISSING}\n");
        Interpolator interpolator = new Interpolator(ENV, problems);
        MapNode out = (MapNode) interpolator.apply(first);
        interpolator.apply(second);
        assertEquals("", out.text("x").orElseThrow());
        assertEquals(2, warnings.size());
        Problem missing = warnings.get(0);
        assertEquals(Problem.Severity.WARNING, missing.severity());
        assertEquals("The \"MISSING\" variable is not set. Defaulting to a blank string.", missing.message());
        assertEquals(new Location("a.yaml", 1, 4), missing.location());
        assertEquals("x", missing.path());
        assertEquals("y[1]", warnings.get(1).path());
        assertFalse(problems.hasErrors());
    }
}
