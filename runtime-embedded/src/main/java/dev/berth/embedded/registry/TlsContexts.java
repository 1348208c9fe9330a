package dev.berth.embedded.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** SSL contexts for registries: the JVM's CAs plus extra PEM files, or no verification for insecure registries. */
final class TlsContexts {
    private TlsContexts() {
    }

    /** Trusts the JVM's CAs and every certificate in {@code extraPem}. */
    static SSLContext trusting(List<Path> extraPem) {
        try {
            List<X509TrustManager> managers = new ArrayList<>();
            managers.add(managerFor(null));
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int n = 0;
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Path pem : extraPem) {
                try (InputStream in = Files.newInputStream(pem)) {
                    for (Certificate certificate : factory.generateCertificates(in)) {
                        extra.setCertificateEntry("extra-" + n++, certificate);
                    }
                }
            }
            if (n > 0) {
                managers.add(managerFor(extra));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyOfTrustManager(managers)}, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the trusted certificates " + extraPem + ": " + e.getMessage(), e);
        }
    }

    /** Accepts any certificate: for registries the user declared insecure, as Docker does. */
    static SSLContext unverified() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> extraCertificates(RegistryOptions options, String registry) {
        List<Path> files = new ArrayList<>();
        options.trustFile().ifPresent(files::add);
        Optional<Path> dir = options.certsDir().map(d -> d.resolve(registry));
        if (dir.isPresent() && Files.isDirectory(dir.get())) {
            try (var list = Files.list(dir.get())) {
                list.filter(p -> p.getFileName().toString().endsWith(".crt")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + dir.get() + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static X509TrustManager managerFor(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JVM has no X509 trust manager");
    }

    /** Trusts a chain when any of its managers does. */
    private record AnyOfTrustManager(List<X509TrustManager> managers) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            managers.get(0).checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            java.security.cert.CertificateException last = null;
            for (X509TrustManager manager : managers) {
                try {
                    manager.checkServerTrusted(chain, authType);
                    return;
                } catch (java.security.cert.CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
