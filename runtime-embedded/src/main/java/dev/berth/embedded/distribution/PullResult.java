package dev.berth.embedded.distribution;

import dev.berth.embedded.image.Digest;
import dev.berth.runtime.ImageName;

/**
 * The outcome of a pull.
 *
 * @param name           what was pulled
 * @param manifestDigest the digest of what the reference points at in the registry (the index, for multi-platform
 *                       images), Docker's "Digest:" line
 * @param imageId        the id (config digest) of the image stored locally
 * @param downloaded     whether any blob had to be downloaded (false: the image was up to date)
 */
public record PullResult(ImageName name, Digest manifestDigest, Digest imageId, boolean downloaded) {
}
