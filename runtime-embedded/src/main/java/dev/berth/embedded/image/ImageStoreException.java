package dev.berth.embedded.image;

/** An image store operation failed; the message says what failed and what to do. */
public class ImageStoreException extends RuntimeException {
    public ImageStoreException(String message) {
        super(message);
    }

    public ImageStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
