package dev.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.problem.Problem;
import dev.berth.model.tree.Location;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentAssignmentTest {

    @Test
    void splitsAtTheFirstEqualsSign() {
        assertEquals(new EnvironmentAssignment("A", "b=c"), EnvironmentAssignment.parse("A=b=c"));
        assertEquals(new EnvironmentAssignment("A", ""), EnvironmentAssignment.parse("A="));
        assertEquals(new EnvironmentAssignment("A", null), EnvironmentAssignment.parse("A"));
        assertEquals(Optional.empty(), EnvironmentAssignment.parse("A").optionalValue());
    }

    @Test
    void rejectsANameWithATrailingSpaceAsComposeDoes() {
        Location at = new Location("compose.yml", 6, 9);
        EnvironmentAssignment item = EnvironmentAssignment.parse("DEBUG = true");
        assertEquals("DEBUG ", item.name());
        Problem problem = EnvironmentAssignment.trailingSpace(item.name(), at, "services.test.environment[0]")
                .orElseThrow();
        assertEquals("environment variable DEBUG  is declared with a trailing space", problem.message());
        assertEquals(at, problem.location());
        assertEquals("services.test.environment[0]", problem.path());
        assertEquals(Optional.empty(), EnvironmentAssignment.trailingSpace("DEBUG", at, "x"));
    }
}
