package dev.berth.swarm.convert;

/**
 * A compose attribute that cannot become a Swarm spec. The message names the attribute path, the value, the rule
 * and what to write instead.
 */
public final class StackConversionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public StackConversionException(String path, Object value, String rule, String fix) {
        super(path + ": " + value + " — " + rule + " — " + fix);
    }
}
