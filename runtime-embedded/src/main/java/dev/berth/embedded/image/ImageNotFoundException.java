package dev.berth.embedded.image;

/** No image matches a reference. */
public class ImageNotFoundException extends ImageStoreException {
    public ImageNotFoundException(String reference) {
        super("no such image: " + reference + " (load it with 'berth image load' or build it first)");
    }
}
