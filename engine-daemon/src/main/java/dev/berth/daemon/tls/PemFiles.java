package dev.berth.daemon.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys in the PEM files dockerd's TLS flags name. Keys: PKCS#8 ({@code PRIVATE KEY}, what
 * OpenSSL 3 writes, RSA or EC) and PKCS#1 RSA ({@code RSA PRIVATE KEY}); other kinds are refused with the command
 * that converts them. Every failure names the file.
 */
final class PemFiles {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    private PemFiles() {
    }

    /** The certificates in {@code file}, in order; at least one. */
    static List<X509Certificate> certificates(Path file) throws TlsSetupException {
        byte[] pem = read(file, "certificate");
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new TlsSetupException(file + " holds no certificate (expected PEM blocks BEGIN CERTIFICATE)");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new TlsSetupException(file + " is not a PEM certificate file: " + e.getMessage()
                    + " (expected PEM blocks BEGIN CERTIFICATE)");
        }
    }

    /** The private key in {@code file}. */
    static PrivateKey privateKey(Path file) throws TlsSetupException {
        String pem = new String(read(file, "private key"), StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String kind = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(file + ": the " + kind + " block is not valid base64");
            }
            switch (kind) {
                case "PRIVATE KEY":
                    return pkcs8(file, der);
                case "RSA PRIVATE KEY":
                    return decode(file, "RSA", Pkcs8.wrapRsa(der));
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsSetupException(file + " holds an encrypted key; the engine cannot ask for its"
                            + " passphrase: decrypt it with `openssl pkcs8 -in " + file + " -out key.pem`");
                case "EC PRIVATE KEY":
                    throw new TlsSetupException(file + " holds an EC key in SEC1 form; convert it to PKCS#8 with"
                            + " `openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem`");
                default:
                    // a certificate or parameters block next to the key: look further
            }
        }
        throw new TlsSetupException(file + " holds no private key (expected a PEM block BEGIN PRIVATE KEY or"
                + " BEGIN RSA PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws TlsSetupException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not of this algorithm: try the next
            }
        }
        throw new TlsSetupException(file + ": the PRIVATE KEY block is neither an RSA, EC nor Ed25519 key");
    }

    private static PrivateKey decode(Path file, String algorithm, byte[] pkcs8) throws TlsSetupException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(file + ": not a valid " + algorithm + " private key: " + e.getMessage());
        }
    }

    private static byte[] read(Path file, String what) throws TlsSetupException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TlsSetupException("cannot read the " + what + " file " + file + ": " + e.getMessage());
        }
    }
}
