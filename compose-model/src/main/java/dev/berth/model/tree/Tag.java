package dev.berth.model.tree;

/** The Compose merge tags a node may carry: {@code !reset} clears, {@code !override} replaces wholesale. */
public enum Tag {
    NONE,
    RESET,
    OVERRIDE
}
