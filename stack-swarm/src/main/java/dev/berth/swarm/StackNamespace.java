package dev.berth.swarm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A stack's name and the label that marks every Swarm object belonging to it, as {@code docker stack} uses them:
 * objects are named {@code <stack>_<key>} and labelled {@value #LABEL}{@code =<stack>}.
 */
public record StackNamespace(String name) {
    /** The label docker stack puts on services, networks, secrets and configs of a stack. */
    public static final String LABEL = "com.docker.stack.namespace";
    /** Marks the image a service was deployed with, as docker stack does. */
    public static final String IMAGE_LABEL = "com.docker.stack.image";

    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    public StackNamespace {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid stack name \"" + name + "\": a stack name starts with a letter"
                    + " or digit and holds only letters, digits, '_', '.' and '-'; choose another NAME");
        }
    }

    /** {@code <stack>_<key>}. */
    public String scoped(String key) {
        return name + "_" + key;
    }

    /** {@code labels} plus the namespace label. */
    public Map<String, String> labelled(Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.put(LABEL, name);
        return out;
    }

    /** The label filter that selects this stack's objects. */
    public Map<String, String> filter() {
        return Map.of(LABEL, name);
    }
}
