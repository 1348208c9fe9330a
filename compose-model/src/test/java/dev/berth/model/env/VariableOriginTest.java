package dev.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.tree.Location;
import org.junit.jupiter.api.Test;

class VariableOriginTest {

    @Test
    void describesEachKindForHumans() {
        assertEquals("OS environment", VariableOrigin.of(VariableOrigin.Kind.OS_ENVIRONMENT).describe());
        assertEquals(".env line 3 (/abs/.env:3:1)", VariableOrigin.envFile(new Location("/abs/.env", 3, 1)).describe());
        assertEquals("prod.env line 12 (conf/prod.env:12:1)",
                VariableOrigin.envFile(new Location("conf/prod.env", 12, 1)).describe());
        assertEquals("command line", VariableOrigin.of(VariableOrigin.Kind.COMMAND_LINE).describe());
        assertEquals("set by berth", VariableOrigin.of(VariableOrigin.Kind.LOADER).describe());
    }
}
