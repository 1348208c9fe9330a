package dev.berth.daemon.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * dockerd's {@code --tlsverify} files: {@code caCert} holds the authorities whose client certificates are let in,
 * {@code cert} the server's certificate (chain) and {@code key} its private key, all PEM.
 */
public record ServerTls(Path caCert, Path cert, Path key) {
    public ServerTls {
        Objects.requireNonNull(caCert, "caCert");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }

    /** dockerd's defaults: {@code ca.pem}, {@code cert.pem} and {@code key.pem} in {@code dir} (~/.docker). */
    public static ServerTls in(Path dir) {
        return new ServerTls(dir.resolve("ca.pem"), dir.resolve("cert.pem"), dir.resolve("key.pem"));
    }

    /** A context that presents {@link #cert} and trusts only clients with a certificate from {@link #caCert}. */
    public SSLContext context() throws TlsSetupException {
        List<X509Certificate> authorities = PemFiles.certificates(caCert);
        List<X509Certificate> chain = PemFiles.certificates(cert);
        PrivateKey privateKey = PemFiles.privateKey(key);
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(privateKey.getAlgorithm())) {
            throw new TlsSetupException("the key in " + key + " (" + privateKey.getAlgorithm() + ") does not belong"
                    + " to the certificate in " + cert + " (" + chain.get(0).getPublicKey().getAlgorithm() + ")");
        }
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", privateKey, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsSetupException("cannot set up TLS from " + cert + " and " + key + ": " + e.getMessage());
        }
    }
}
