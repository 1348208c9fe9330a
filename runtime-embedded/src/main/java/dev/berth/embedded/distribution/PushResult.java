package dev.berth.embedded.distribution;

import dev.berth.embedded.image.Digest;
import dev.berth.runtime.ImageName;

/**
 * The outcome of a push.
 *
 * @param name           where the image went
 * @param manifestDigest the digest of the pushed manifest
 * @param uploadedBlobs  how many blobs were uploaded (not already there, not mounted)
 */
public record PushResult(ImageName name, Digest manifestDigest, int uploadedBlobs) {
}
