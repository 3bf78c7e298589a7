package io.spillway.pipeline.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * TLS to a PostgreSQL target through pgjdbc's own settings: {@code sslmode}, and for verify-ca/verify-full
 * {@code sslrootcert}, a file the driver reads. A connection carries its CA as PEM text (an API caller
 * has no access to the service's disk), so the text is written once to a private file named by its hash.
 */
public final class PgTls {
    /** libpq's modes, as pgjdbc reads them; absent means the driver's default (prefer). */
    public static final List<String> MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    private static final Object lock = new Object();
    private static Path dir;

    private PgTls() {
    }

    public static boolean verifiesCertificate(String sslmode) {
        return "verify-ca".equals(sslmode) || "verify-full".equals(sslmode);
    }

    /** The driver properties for that mode and CA (PEM text, or null); empty when sslmode is null. */
    public static Map<String, String> driverProperties(String sslmode, String caPem) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (sslmode == null) {
            return properties;
        }
        properties.put("sslmode", sslmode);
        if (caPem != null && verifiesCertificate(sslmode)) {
            properties.put("sslrootcert", caFile(caPem).toString());
        }
        return properties;
    }

    /**
     * What to check when a connection failed on TLS (the driver's "SSL error: PKIX path building failed"
     * does not say which setting is wrong); empty for any other failure.
     */
    public static String hint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof SSLException || message.startsWith("SSL error")
                    || message.contains("could not be verified by hostnameverifier")) {
                return " (TLS: the server's certificate must be signed by the CA in ssl_root_cert, and with"
                        + " verify-full name the jdbc_url host in its subject alternative names; check both)";
            }
        }
        return "";
    }

    /** The CA's file: owner-only, named by the text's SHA-256, written once, deleted when the JVM exits. */
    static Path caFile(String caPem) {
        synchronized (lock) {
            try {
                if (dir == null) {
                    dir = Files.createTempDirectory("spillway-pg-ca-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    dir.toFile().deleteOnExit();
                }
                Path file = dir.resolve("ca-" + sha256(caPem) + ".pem");
                if (!Files.exists(file)) {
                    Path partial = Files.createTempFile(dir, "ca-", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(partial, caPem, StandardCharsets.UTF_8);
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                    file.toFile().deleteOnExit();
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the CA certificate of a PostgreSQL target to a"
                        + " temporary file: " + e.getMessage(), e);
            }
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
