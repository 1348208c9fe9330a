package dev.berth.cli.stack;

/** Column helpers shared by the stack listings. */
final class StackTables {
    private static final int SHORT_ID = 12;

    private StackTables() {
    }

    /** The first 12 characters of a Swarm ID, as docker prints them. */
    static String shortId(String id) {
        return id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id;
    }
}
