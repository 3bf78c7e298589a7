package io.spillway.redis;

import io.lettuce.core.SslOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * TLS for {@code rediss://}: whom to trust, and a message that says what to do when the handshake fails.
 * How much is verified is Lettuce's URI parameter {@code verifyPeer} (FULL by default: chain and host).
 */
public final class RedisTls {
    private RedisTls() {
    }

    /**
     * Trusts only the CA certificates in {@code caFile} (PEM) when set, else the JVM's trust store.
     *
     * @param setting the property that named the file, for the error
     */
    public static SslOptions options(String caFile, String setting) {
        SslOptions.Builder builder = SslOptions.builder().jdkSslProvider();
        if (caFile != null && !caFile.isBlank()) {
            Path file = Path.of(caFile);
            if (!Files.isReadable(file)) {
                throw new IllegalStateException(setting + " names " + file
                        + ", which is not a readable file: give the PEM file of the CA that signed Redis's certificate");
            }
            builder.trustManager(file.toFile());
        }
        return builder.build();
    }

    /** Why a TLS handshake failed and what to do, or null when {@code e} was no TLS failure. */
    public static String handshakeProblem(Throwable e, String setting) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                Throwable root = t;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                return "the TLS handshake failed (" + root.getMessage() + "): set " + setting
                        + " to the PEM file of the CA that signed the server's certificate, and check that the"
                        + " certificate names the host in the URL";
            }
        }
        return null;
    }
}
