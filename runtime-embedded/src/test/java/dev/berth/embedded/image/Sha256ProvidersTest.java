package dev.berth.embedded.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Digests are SHA-256 whichever provider computes them: before, during and after the native one is set up. */
class Sha256ProvidersTest {
    @Test
    void digestsEqualTheJdksOwnBeforeAndAfterTheNativeProviderIsReady() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        byte[] expected = MessageDigest.getInstance("SHA-256", "SUN").digest(content);

        assertArrayEquals(expected, chunked(Sha256Providers.newDigest(), content));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Sha256Providers.nativeReady() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // native where the JDK has NSS (Debian's does), the JDK's own elsewhere: the same digest either way
        assertArrayEquals(expected, chunked(Sha256Providers.newDigest(), content));
        assertArrayEquals(expected, Sha256Providers.newDigest().digest(content));
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Digest.of("abc".getBytes(StandardCharsets.US_ASCII)).toString());
    }

    private static byte[] chunked(MessageDigest digest, byte[] content) {
        for (int offset = 0; offset < content.length; offset += 65536) {
            digest.update(content, offset, Math.min(65536, content.length - offset));
        }
        return digest.digest();
    }
}
