package io.spillway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** sslmode and ssl_root_cert: what a request may set, and what a response shows of the CA. */
class PostgresTlsSettingsTest {
    /** A public CA certificate made for this test (its key was thrown away). */
    static final String CA = """
            -----BEGIN CERTIFICATE-----
            MIIBmDCCAT2gAwIBAgIUSJcEM4QGKxVMD7OSX0y7qGirbRQwCgYIKoZIzj0EAwIw
            IDEeMBwGA1UEAwwVU3BpbGx3YXkgdW5pdCB0ZXN0IENBMCAXDTI2MTEyOTA0MjYx
            OVoYDzIxMjYxMTA1MDQyNjE5WjAgMR4wHAYDVQQDDBVTcGlsbHdheSB1bml0IHRl
            c3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATuhppJIKp5kbBdhi1GXITv
            1uvhztEvUd2VnoLNaP8I6YAA6Ien6VMO8ivcgXrJy+cjNdh1pGAX0UE0SfuUagcw
            o1MwUTAdBgNVHQ4EFgQUDj4xW3wlKanfut2JDfI8NV34NUAwHwYDVR0jBBgwFoAU
            Dj4xW3wlKanfut2JDfI8NV34NUAwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQD
            AgNJADBGAiEAs1FlVl3XsEnQRBjccQ0p0r9Mh9r7ebt8bHP6cG39BcACIQCRXLn5
            KmoPmfH8UmyYfGj+SqM0J5xYM7NrjfIomgGYDg==
            -----END CERTIFICATE-----
            """;
    private static final String FINGERPRINT = "26:FE:CD:DE:82:A6:3C:EE:9F:62:05:D0:7A:52:0C:62:0F:63:38:69:BE:20"
            + ":A1:90:89:49:3F:4B:45:06:79:DA";

    private static PostgresConnection pg(String url, String sslmode, String ca) {
        return new PostgresConnection("w", url, "u", "p", null, sslmode, ca);
    }

    private static PostgresConnection pg(String sslmode, String ca) {
        return pg("jdbc:postgresql://db.example.com:5432/w", sslmode, ca);
    }

    @Test
    void everyLibpqModeIsAcceptedAndVerifyModesTakeACa() {
        for (String mode : new String[] {"disable", "allow", "prefer", "require"}) {
            assertThat(pg(mode, null).problems()).as(mode).isEmpty();
        }
        assertThat(pg("verify-ca", CA).problems()).isEmpty();
        assertThat(pg("verify-full", CA).problems()).isEmpty();
        assertThat(pg(null, null).problems()).isEmpty();
    }

    @Test
    void anUnknownModeIsRefusedWithTheModesToUse() {
        assertThat(pg("verify_full", null).problems()).singleElement().asString()
                .contains("sslmode 'verify_full' is unknown").contains("require").contains("verify-full");
    }

    @Test
    void verifyModesWithoutACaAreRefused() {
        assertThat(pg("verify-full", null).problems()).singleElement().asString()
                .contains("verify-full needs ssl_root_cert").contains("PEM");
        assertThat(pg("verify-ca", "  ").problems()).singleElement().asString().contains("needs ssl_root_cert");
    }

    @Test
    void aCaThatIsNotAPemCertificateIsRefused() {
        assertThat(pg("verify-full", "not a certificate").problems()).singleElement().asString()
                .contains("ssl_root_cert is not a PEM certificate");
        String broken = CA.replace("MIIBmDCCAT2g", "MIIBmDCCAT2h");
        assertThat(pg("verify-full", broken).problems()).singleElement().asString()
                .contains("not a PEM certificate");
        assertThat(pg("verify-full", "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n" + CA)
                .problems()).singleElement().asString().contains("contains a private key").doesNotContain("MIGH");
    }

    @Test
    void aCaWithoutAVerifyModeIsRefusedRatherThanIgnored() {
        assertThat(pg("require", CA).problems()).singleElement().asString()
                .contains("only with sslmode verify-ca or verify-full");
    }

    @Test
    void tlsParametersInTheUrlConflictWithTheFields() {
        assertThat(pg("jdbc:postgresql://h/db?sslmode=disable", "verify-full", CA).problems()).singleElement()
                .asString().contains("'sslmode' conflicts");
        assertThat(pg("jdbc:postgresql://h/db?sslmode=require", null, null).problems()).isEmpty();
    }

    @Test
    void responsesShowTheCasSubjectAndFingerprintNotItsText() {
        PostgresConnection redacted = pg("verify-full", CA).redacted();
        assertThat(redacted.sslmode()).isEqualTo("verify-full");
        assertThat(redacted.sslRootCert()).isEqualTo("subject CN=Spillway unit test CA, SHA-256 " + FINGERPRINT)
                .doesNotContain("BEGIN");
        assertThat(pg("verify-full", CA).toString()).contains(FINGERPRINT).doesNotContain("MIIB");
        assertThat(pg(null, null).redacted().sslRootCert()).isNull();
    }
}
