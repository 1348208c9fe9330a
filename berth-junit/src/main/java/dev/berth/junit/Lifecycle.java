package dev.berth.junit;

/** How long one stack lives: for all tests of a class, or for each test method. */
public enum Lifecycle {
    /** Started before the first test of the class, taken down after the last. */
    PER_CLASS,
    /** Started before each test method, taken down after it. */
    PER_METHOD
}
