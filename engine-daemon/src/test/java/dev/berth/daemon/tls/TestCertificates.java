package dev.berth.daemon.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Certificates made with the openssl command for a test: a CA, a server certificate for 127.0.0.1 and a client
 * certificate it signed, and a client certificate of another CA. Keys are PKCS#8, as OpenSSL 3 writes them.
 */
public record TestCertificates(Path dir) {
    /** Makes them in {@code dir}; skips the test when openssl is not installed. */
    public static TestCertificates make(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        TestCertificates c = new TestCertificates(dir);
        c.authority("ca");
        c.authority("other-ca");
        c.signed("server", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        c.signed("client", "ca", "extendedKeyUsage=clientAuth\n");
        c.signed("stranger", "other-ca", "extendedKeyUsage=clientAuth\n");
        return c;
    }

    public Path ca() {
        return dir.resolve("ca.pem");
    }

    public Path cert(String name) {
        return dir.resolve(name + "-cert.pem");
    }

    public Path key(String name) {
        return dir.resolve(name + "-key.pem");
    }

    /** The server's files as dockerd's flags name them. */
    public ServerTls server() {
        return new ServerTls(ca(), cert("server"), key("server"));
    }

    /** The same kind of context for a client: presents {@code name}'s certificate, trusts the test CA. */
    public ServerTls client(String name) {
        return new ServerTls(ca(), cert(name), key(name));
    }

    private void authority(String name) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", dir.resolve(name + "-key.pem").toString(), "-out", dir.resolve(name + ".pem").toString());
    }

    private void signed(String name, String authority, String extensions) throws IOException, InterruptedException {
        Path csr = dir.resolve(name + ".csr");
        Path ext = Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", key(name).toString(),
                "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", dir.resolve(authority + ".pem").toString(),
                "-CAkey", dir.resolve(authority + "-key.pem").toString(), "-CAcreateserial", "-days", "2",
                "-extfile", ext.toString(), "-out", cert(name).toString());
    }

    /** Runs {@code openssl ARGS} in the directory; fails the test with its output when it fails. */
    public void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
