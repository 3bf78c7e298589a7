package io.spillway.connection;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PostgreSQL connection's {@code ssl_root_cert}: one or more PEM CA certificates. What a client sees of
 * it is each certificate's subject and SHA-256 fingerprint, never the text.
 */
final class CaCertificates {
    static final int MAX_LENGTH = 65_536;
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

    private CaCertificates() {
    }

    /** Why the text is not usable as a CA bundle, or null when it is. */
    static String problem(String pem) {
        if (pem.length() > MAX_LENGTH) {
            return "ssl_root_cert is longer than " + MAX_LENGTH + " characters: send only the CA certificate(s)";
        }
        if (pem.contains("PRIVATE KEY")) {
            return "ssl_root_cert contains a private key: send only the CA's certificate (-----BEGIN CERTIFICATE-----"
                    + " ... -----END CERTIFICATE-----), never a key";
        }
        if (!pem.strip().startsWith(BEGIN) || parse(pem).isEmpty()) {
            return "ssl_root_cert is not a PEM certificate: paste the CA certificate's text, from " + BEGIN
                    + " to -----END CERTIFICATE----- (newlines as \\n in JSON)";
        }
        return null;
    }

    /** "subject CN=..., SHA-256 AB:CD:..." per certificate, joined by "; "; a note when it does not parse. */
    static String describe(String pem) {
        List<X509Certificate> certificates = parse(pem);
        if (certificates.isEmpty()) {
            return "(not a PEM certificate)";
        }
        return certificates.stream().map(CaCertificates::describe).collect(Collectors.joining("; "));
    }

    private static String describe(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return "subject " + certificate.getSubjectX500Principal().getName() + ", SHA-256 "
                    + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "subject " + certificate.getSubjectX500Principal().getName();
        }
    }

    private static List<X509Certificate> parse(String pem) {
        try {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return all.stream().filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
        } catch (CertificateException | RuntimeException e) {
            return List.of();
        }
    }
}
