package io.spillway.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and a server certificate it signed for localhost and 127.0.0.1, made with the openssl
 * command line, so a stack component can be started with TLS for a test (EC keys: quick to make).
 *
 * @param caCertificate the CA's certificate, PEM: what a client trusts
 * @param serverCertificate the server's certificate, PEM, subject alternative names localhost and 127.0.0.1
 * @param serverKey the server's private key, PEM, readable by its owner only
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    /** Creates {@code dir} and a new CA named {@code name} with a server certificate in it. */
    public static TestCertificates generate(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path ext = dir.resolve("server-ext.cnf");
            Files.writeString(ext, String.join("\n", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "basicConstraints=CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment",
                    "extendedKeyUsage=serverAuth", ""));
            openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "ca.key", "-out", "ca.crt", "-days", "3", "-subj", "/CN=" + name,
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
            openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "server.crt", "-days", "3", "-extfile", ext.toString());
            Path key = dir.resolve("server.key");
            // PostgreSQL refuses a key file that others may read.
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            return new TestCertificates(dir.resolve("ca.crt"), dir.resolve("server.crt"), key);
        } catch (IOException e) {
            throw new DevstackException("cannot write test certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The CA certificate's PEM text. */
    public String caPem() {
        try {
            return Files.readString(caCertificate);
        } catch (IOException e) {
            throw new DevstackException("cannot read " + caCertificate + ": " + e.getMessage(), e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new DevstackException("the openssl command is needed to make test certificates (apt-get install"
                    + " openssl): " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new DevstackException("openssl " + args[0] + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted while making test certificates", e);
        }
    }
}
