package dev.berth.embedded.image;

/** Content whose digest differs from the one it was announced with; nothing of it was stored. */
public final class DigestMismatchException extends ImageStoreException {
    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(Digest expected, Digest actual) {
        super("blob digest mismatch: expected " + expected + " but the content is " + actual
                + " (the source is corrupt; fetch or export it again)");
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
