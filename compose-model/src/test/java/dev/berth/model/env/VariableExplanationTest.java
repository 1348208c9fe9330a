package dev.berth.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.model.interpolation.VariableUsage;
import dev.berth.model.interpolation.VariableUsages;
import dev.berth.model.tree.Location;
import dev.berth.model.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExplanationTest {

    private static final List<VariableUsage> USAGES = VariableUsages.collect(YamlReader.read("compose.yaml",
            String.join("\n",
                    "services:",
                    "  web:",
                    "    image: nginx:${TAG:-latest}",
                    "    environment:",
                    "      - TAG=$TAG",
                    "      - DB=${DB:?DB is required}",
                    "      - EXTRA=${TAG:+tagged}",
                    "")));

    @Test
    void explainsAValueFromAnEnvFile() {
        Environment env = Environment.fromEntries(List.of(new EnvEntry("TAG", "1.2", new Location("/p/.env", 3, 1))));
        VariableExplanation explanation = VariableExplanation.explain("TAG", env, USAGES);
        assertEquals(String.join("\n",
                "TAG = \"1.2\"",
                "  from: .env line 3 (/p/.env:3:1)",
                "  used at:",
                "    compose.yaml:3:12  services.web.image  ${TAG:-latest}  -> \"1.2\"",
                "    compose.yaml:5:9  services.web.environment[0]  ${TAG}  -> \"1.2\"",
                "    compose.yaml:7:9  services.web.environment[2]  ${TAG:+tagged}  -> replacement \"tagged\""
                        + " (written at compose.yaml:7:9)"), explanation.render());
    }

    @Test
    void explainsAnUnsetVariableWithItsDefault() {
        VariableExplanation explanation = VariableExplanation.explain("TAG", Environment.empty(), USAGES);
        assertEquals(String.join("\n",
                "TAG is not set",
                "  used at:",
                "    compose.yaml:3:12  services.web.image  ${TAG:-latest}  -> default \"latest\""
                        + " (written at compose.yaml:3:12)",
                "    compose.yaml:5:9  services.web.environment[0]  ${TAG}  -> \"\" (not set: berth warns and uses"
                        + " a blank string)",
                "    compose.yaml:7:9  services.web.environment[2]  ${TAG:+tagged}  -> \"\" (not set, so no"
                        + " replacement)"), explanation.render());
    }

    @Test
    void explainsARequiredVariableAndAnUnusedOne() {
        Environment os = Environment.of(Map.of("HOME", "/root"), VariableOrigin.Kind.OS_ENVIRONMENT);
        assertEquals(String.join("\n",
                "DB is not set",
                "  used at:",
                "    compose.yaml:6:9  services.web.environment[1]  ${DB:?DB is required}  -> error: required"
                        + " variable DB is missing a value: DB is required"),
                VariableExplanation.explain("DB", os, USAGES).render());
        assertEquals("HOME = \"/root\"\n  from: OS environment\n  not used by the compose files",
                VariableExplanation.explain("HOME", os, USAGES).render());
    }
}
