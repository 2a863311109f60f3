package dev.chathooks.mockservers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed TLS server certificate for {@code localhost} and {@code 127.0.0.1}, made with the JDK's
 * {@code keytool} (the JDK has no public API that makes certificates, and this avoids a dependency for mocks).
 *
 * @param certificate the certificate
 * @param privateKey its private key (EC P-256)
 * @param pemFile the certificate as a PEM file, for a client to trust
 */
public record SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey, Path pemFile) {
    private static final String PASSWORD = "mock-password";

    /**
     * Generates one in {@code folder}.
     *
     * @throws IOException if keytool cannot be run (a JRE without it) or fails
     */
    public static SelfSignedCertificate generate(Path folder) throws IOException {
        Path keyStore = folder.resolve("mock-server.p12");
        Files.deleteIfExists(keyStore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "mock",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-sigalg",
                "SHA256withECDSA",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not make a certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made a certificate", e);
        }
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            X509Certificate certificate = (X509Certificate) store.getCertificate("mock");
            PrivateKey key = (PrivateKey) store.getKey("mock", PASSWORD.toCharArray());
            Path pem = folder.resolve("mock-server.pem");
            Files.writeString(pem, Pem.encode("CERTIFICATE", certificate.getEncoded()));
            return new SelfSignedCertificate(certificate, key, pem);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate keytool made", e);
        }
    }
}
