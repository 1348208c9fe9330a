package dev.berth.embedded.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where SHA-256 digests come from. The JDK's own SHA-256 is Java code that only the C2 compiler replaces with the
 * CPU's SHA instructions; the engine daemon runs C1 only (for its memory), where it hashes about 25 MB/s, which
 * made hashing COPY sources most of a cached build's time. Debian's JDK configures its PKCS#11 provider for NSS
 * ({@code conf/security/nss.cfg}; the JDK package depends on libnss3), whose native SHA-256 is 10 to 20 times
 * faster there. Setting it up takes about half a second, so the first request for a digest starts that on a
 * background thread; until it is ready, and wherever it is unavailable or fails its self-test, digests come from
 * the JDK's default provider. Both compute the same function: which one hashed a content never matters.
 */
final class Sha256Providers {
    private static final String ALGORITHM = "SHA-256";
    /** SHA-256("abc") from FIPS 180-2, the self-test a provider must pass before it is used. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile Provider nativeProvider;

    private Sha256Providers() {
    }

    /** A new SHA-256 digest: native when the native provider is ready, else the JDK's own. */
    static MessageDigest newDigest() {
        if (STARTED.compareAndSet(false, true)) {
            Thread setup = new Thread(Sha256Providers::setUpNative, "berth-sha256-setup");
            setup.setDaemon(true);
            setup.start();
        }
        Provider provider = nativeProvider;
        try {
            return provider != null ? MessageDigest.getInstance(ALGORITHM, provider) : MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }

    /** Whether digests come from the native provider by now (for tests and diagnostics). */
    static boolean nativeReady() {
        return nativeProvider != null;
    }

    private static void setUpNative() {
        Path config = Path.of(System.getProperty("java.home"), "conf", "security", "nss.cfg");
        Provider pkcs11 = Security.getProvider("SunPKCS11");
        if (pkcs11 == null || !Files.isRegularFile(config)) {
            return;
        }
        try {
            Provider nss = pkcs11.configure(config.toString());
            MessageDigest test = MessageDigest.getInstance(ALGORITHM, nss);
            if (HexFormat.of().formatHex(test.digest("abc".getBytes(StandardCharsets.US_ASCII))).equals(ABC)) {
                nativeProvider = nss;
            }
        } catch (RuntimeException | NoSuchAlgorithmException | LinkageError unavailable) {
            // no NSS library, or a configuration it refuses: the JDK's provider stays in use
        }
    }
}
