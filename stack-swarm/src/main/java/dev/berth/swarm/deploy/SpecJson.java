package dev.berth.swarm.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * Service specs as JSON: the exact bytes sent to the Engine, a stable hash of them, and the question whether the
 * service as Swarm reports it still holds everything the file asks for.
 */
final class SpecJson {
    /** The hash of the spec the stack last deployed, kept on the service so that a repeated deploy can skip it. */
    static final String HASH_LABEL = "dev.berth.stack.spec-hash";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SpecJson() {
    }

    static JsonNode tree(Object spec) {
        return MAPPER.valueToTree(spec);
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** SHA-256 of the spec's JSON without the hash label itself. */
    static String hash(ServiceSpec spec) {
        ObjectNode tree = (ObjectNode) tree(spec);
        JsonNode labels = tree.get("Labels");
        if (labels instanceof ObjectNode l) {
            l.remove(HASH_LABEL);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(MAPPER.writeValueAsString(tree)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a service spec", e);
        }
    }

    /**
     * Whether {@code current} (as the Engine reports it) holds every value of {@code desired}. Both are read through
     * docker-java's model first, so fields the model does not know are left out on both sides. Absent, zero, false
     * and empty values in {@code desired} count as unset (the Engine's API treats them so and fills defaults);
     * lists must have the same length and match element by element.
     */
    static boolean holds(ServiceSpec current, ServiceSpec desired) {
        try {
            JsonNode desiredTree = tree(MAPPER.treeToValue(tree(desired), ServiceSpec.class));
            return contains(tree(current), desiredTree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot compare service specs", e);
        }
    }

    private static boolean contains(JsonNode current, JsonNode desired) {
        if (isUnset(desired)) {
            return true;
        }
        if (current == null || current.isNull()) {
            return false;
        }
        if (desired.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!contains(current.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!current.isArray() || current.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!contains(current.get(i), desired.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return desired.isNumber() && current.isNumber() ? desired.decimalValue().compareTo(current.decimalValue()) == 0
                : desired.equals(current);
    }

    private static boolean isUnset(JsonNode node) {
        return node == null || node.isNull() || (node.isNumber() && node.decimalValue().signum() == 0)
                || (node.isBoolean() && !node.booleanValue()) || (node.isTextual() && node.textValue().isEmpty())
                || (node.isContainerNode() && node.isEmpty());
    }
}
