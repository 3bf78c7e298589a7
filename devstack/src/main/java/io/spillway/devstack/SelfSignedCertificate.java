package io.spillway.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate for {@code localhost} and {@code 127.0.0.1}, made at run time with the JDK's keytool, in
 * the PEM files a TLS server (Redis) reads. Clients trust it by taking {@link #certPem()} as their CA.
 */
public record SelfSignedCertificate(Path certPem, Path keyPem) {
    private static final String PASS = "devstack";

    public static SelfSignedCertificate create(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path store = dir.resolve(name + ".p12");
            Files.deleteIfExists(store);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Path log = dir.resolve(name + "-keytool.log");
            Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", name,
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "7", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", PASS, "-keypass", PASS))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(store)) {
                process.destroyForcibly();
                throw new DevstackException("keytool made no certificate; see " + log);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASS.toCharArray());
            }
            Key key = keys.getKey(name, PASS.toCharArray());
            Path cert = dir.resolve(name + "-cert.pem");
            Path keyFile = dir.resolve(name + "-key.pem");
            Files.writeString(cert, pem("CERTIFICATE", keys.getCertificate(name).getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            return new SelfSignedCertificate(cert, keyFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted while making a certificate", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new DevstackException("cannot make a self-signed certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
