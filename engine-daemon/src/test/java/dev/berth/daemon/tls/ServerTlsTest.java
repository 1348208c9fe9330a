package dev.berth.daemon.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading dockerd-style TLS files: the key forms OpenSSL writes, and every refusal naming the file and the fix. */
class ServerTlsTest {
    @TempDir
    static Path dir;
    static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.make(dir);
    }

    @Test
    void aPkcs8KeyWithItsCertificateMakesAContext() throws Exception {
        assertNotNull(certificates.server().context());
        assertEquals("RSA", PemFiles.privateKey(certificates.key("server")).getAlgorithm());
    }

    @Test
    void aPkcs1RsaKeyIsRead() throws Exception {
        Path traditional = dir.resolve("rsa1.pem");
        certificates.openssl("genrsa", "-traditional", "-out", traditional.toString(), "2048");
        assertTrue(Files.readString(traditional).contains("BEGIN RSA PRIVATE KEY"));
        assertEquals("RSA", PemFiles.privateKey(traditional).getAlgorithm());
    }

    @Test
    void aPkcs8EcKeyIsReadAndASec1OneIsRefusedWithTheConversion() throws Exception {
        Path pkcs8 = dir.resolve("ec8.pem");
        certificates.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                pkcs8.toString());
        assertEquals("EC", PemFiles.privateKey(pkcs8).getAlgorithm());
        Path sec1 = dir.resolve("ec1.pem");
        certificates.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", sec1.toString());
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(sec1));
        assertTrue(e.getMessage().contains(sec1.toString()) && e.getMessage().contains("openssl pkcs8 -topk8"),
                e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("absent.pem");
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> new ServerTls(certificates.ca(), missing, certificates.key("server")).context());
        assertTrue(e.getMessage().contains("certificate file " + missing), e.getMessage());
    }

    @Test
    void aKeyInTheCertificateSlotIsRefused() {
        Path key = certificates.key("server");
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> new ServerTls(certificates.ca(), key, key).context());
        assertTrue(e.getMessage().contains(key + " is not a PEM certificate file"), e.getMessage());
    }

    @Test
    void aKeyOfAnotherAlgorithmThanTheCertificateIsRefused() throws Exception {
        Path ec = dir.resolve("ec-other.pem");
        certificates.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                ec.toString());
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> new ServerTls(certificates.ca(), certificates.cert("server"), ec).context());
        assertTrue(e.getMessage().contains("does not belong to the certificate"), e.getMessage());
    }
}
