package dev.berth.model.merge;

import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import java.util.Optional;

/**
 * What makes two entries of a sequence "the same" so that the later one replaces the earlier one in place.
 * An entry without a key (an unexpected shape) is never de-duplicated.
 */
public enum UniqueKey {
    /** {@code KEY=VALUE} strings by {@code KEY}; a string without {@code =} by itself. */
    KEY_VALUE {
        @Override
        Optional<String> keyOf(Node entry) {
            return scalarText(entry).map(t -> {
                int eq = t.indexOf('=');
                return eq < 0 ? t : t.substring(0, eq);
            });
        }
    },
    /** The whole value ({@code expose}, {@code extra_hosts}, {@code security_opt}, ...). */
    VALUE {
        @Override
        Optional<String> keyOf(Node entry) {
            return scalarText(entry);
        }
    },
    /** Service volumes by mount target (short syntax {@code [source:]target[:mode]}). */
    VOLUME_TARGET {
        @Override
        Optional<String> keyOf(Node entry) {
            if (entry instanceof MapNode map) {
                return map.text("target");
            }
            return scalarText(entry).map(UniqueKey::volumeTarget);
        }
    },
    /** Devices by container path (short syntax {@code host[:container[:permissions]]}). */
    DEVICE_TARGET {
        @Override
        Optional<String> keyOf(Node entry) {
            if (entry instanceof MapNode map) {
                return map.text("target");
            }
            return scalarText(entry).map(t -> {
                String[] parts = t.split(":");
                return parts.length == 1 ? parts[0] : parts[1];
            });
        }
    },
    /** Service secrets by target, {@code /run/secrets/<source>} when none is given. */
    SECRET_TARGET {
        @Override
        Optional<String> keyOf(Node entry) {
            return mountTarget(entry, "/run/secrets/");
        }
    },
    /** Service configs by target, {@code /<source>} when none is given. */
    CONFIG_TARGET {
        @Override
        Optional<String> keyOf(Node entry) {
            return mountTarget(entry, "/");
        }
    },
    /** Ports by host IP, published port, target port and protocol. */
    PORT {
        @Override
        Optional<String> keyOf(Node entry) {
            return PortKey.of(entry);
        }
    },
    /** {@code env_file} / {@code label_file} entries by path (string or {@code {path: ...}}). */
    FILE_PATH {
        @Override
        Optional<String> keyOf(Node entry) {
            if (entry instanceof MapNode map) {
                return map.text("path");
            }
            return scalarText(entry);
        }
    };

    abstract Optional<String> keyOf(Node entry);

    private static Optional<String> scalarText(Node entry) {
        return entry instanceof ScalarNode s && !s.isNull() ? Optional.of(s.text()) : Optional.empty();
    }

    private static Optional<String> mountTarget(Node entry, String defaultDir) {
        if (entry instanceof MapNode map) {
            Optional<String> target = map.text("target");
            if (target.isPresent()) {
                return target;
            }
            return map.text("source").map(source -> defaultDir + source);
        }
        return scalarText(entry).map(source -> defaultDir + source);
    }

    /** The container path of a short volume: the only part, or the second one (Windows drive letters skipped). */
    static String volumeTarget(String spec) {
        String rest = spec;
        if (rest.length() > 2 && Character.isLetter(rest.charAt(0)) && rest.charAt(1) == ':'
                && (rest.charAt(2) == '\\' || rest.charAt(2) == '/')) {
            int next = rest.indexOf(':', 2);
            return next < 0 ? rest : firstPart(rest.substring(next + 1));
        }
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : firstPart(rest.substring(colon + 1));
    }

    private static String firstPart(String s) {
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }
}
