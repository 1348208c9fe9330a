package dev.berth.model.tree;

import java.util.List;
import java.util.Objects;

/** A sequence of nodes, in order. */
public record ListNode(List<Node> items, Location location, Tag tag) implements Node {

    public ListNode {
        items = List.copyOf(items);
    }

    public static ListNode of(List<? extends Node> items) {
        return new ListNode(List.copyOf(items), Location.UNKNOWN, Tag.NONE);
    }

    public static ListNode of(List<? extends Node> items, Location location) {
        return new ListNode(List.copyOf(items), location, Tag.NONE);
    }

    public ListNode withItems(List<? extends Node> newItems) {
        return new ListNode(List.copyOf(newItems), location, tag);
    }

    public int size() {
        return items.size();
    }

    public Node get(int index) {
        return items.get(index);
    }

    @Override
    public ListNode withTag(Tag newTag) {
        return new ListNode(items, location, newTag);
    }

    @Override
    public String describe() {
        return "a list of " + items.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListNode l && items.equals(l.items) && tag == l.tag;
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, tag);
    }
}
