package dev.berth.swarm.convert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ServicePlacement;
import java.util.List;
import java.util.Map;

/**
 * docker-java 3.5.1's {@link ServicePlacement} lacks the Engine API's {@code Preferences}; this adds the field, in
 * the API's shape {@code [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}]}, so that Jackson sends it.
 */
final class PlacementWithPreferences extends ServicePlacement {
    private static final long serialVersionUID = 1L;

    @JsonProperty("Preferences")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private final List<Map<String, Map<String, String>>> preferences;

    PlacementWithPreferences(List<String> spreadDescriptors) {
        this.preferences = spreadDescriptors.stream()
                .map(d -> Map.of("Spread", Map.of("SpreadDescriptor", d))).toList();
    }

    List<Map<String, Map<String, String>>> preferences() {
        return preferences;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlacementWithPreferences p && super.equals(o) && preferences.equals(p.preferences);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + preferences.hashCode();
    }
}
