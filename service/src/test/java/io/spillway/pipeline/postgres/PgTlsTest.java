package io.spillway.pipeline.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PgTlsTest {
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

    @Test
    void noModeLeavesTheDriverDefaults() {
        assertThat(PgTls.driverProperties(null, null)).isEmpty();
        assertThat(PgTls.driverProperties("require", null)).containsExactly(Map.entry("sslmode", "require"));
    }

    @Test
    void aVerifyModesCaIsWrittenToAnOwnerOnlyFileOnce() throws Exception {
        Map<String, String> properties = PgTls.driverProperties("verify-full", PEM);
        assertThat(properties).containsEntry("sslmode", "verify-full").containsKey("sslrootcert");
        Path file = Path.of(properties.get("sslrootcert"));
        assertThat(Files.readString(file)).isEqualTo(PEM);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PgTls.driverProperties("verify-ca", PEM).get("sslrootcert")).isEqualTo(file.toString());
    }

    @Test
    void aTlsFailureGetsAHintAndOthersDoNot() {
        SQLException pkix = new SQLException("SSL error: PKIX path building failed", "08006",
                new SSLHandshakeException("PKIX path building failed"));
        assertThat(PgTls.hint(pkix)).contains("ssl_root_cert").contains("verify-full");
        assertThat(PgTls.hint(new SQLException("The hostname localhost could not be verified by hostnameverifier"
                + " PgjdbcHostnameVerifier."))).contains("subject alternative names");
        assertThat(PgTls.hint(new SQLException("Connection refused"))).isEmpty();
    }
}
