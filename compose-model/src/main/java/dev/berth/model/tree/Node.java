package dev.berth.model.tree;

/**
 * An immutable YAML node as the loader sees it: a mapping with string keys, a sequence or a scalar,
 * each remembering where it was written and which merge tag it carries. Every loading phase
 * transforms a tree of these into a new one; none mutates.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

    Location location();

    Tag tag();

    Node withTag(Tag tag);

    /** A short, human rendering of the value, for error messages. */
    String describe();
}
