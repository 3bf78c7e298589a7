package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.devstack.Ports;
import io.spillway.devstack.PostgresServer;
import io.spillway.devstack.TestCertificates;
import io.spillway.support.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PostgreSQL target that requires TLS (ssl=on, hostssl for every role but the local superuser), with a
 * server certificate for localhost signed by a CA made for this test class: sync pipelines load into it
 * with sslmode verify-full, another CA is refused with a message that names ssl_root_cert, and require
 * encrypts without a CA.
 */
class PostgresTlsTargetIT extends ConsumerStackIT {
    private static Path dir;
    private static TestCertificates certificates;
    private static TestCertificates otherCa;
    private static PostgresServer tlsPostgres;

    @BeforeAll
    static void startTlsPostgres() throws Exception {
        dir = Files.createTempDirectory("spillway-tls-pg");
        certificates = TestCertificates.generate(dir.resolve("tls"), "Spillway TLS IT CA");
        otherCa = TestCertificates.generate(dir.resolve("other"), "Some other CA");
        tlsPostgres = PostgresServer.start(dir.resolve("postgres"), Ports.free(), certificates);
    }

    @AfterAll
    static void stopTlsPostgres() throws Exception {
        if (tlsPostgres != null) {
            tlsPostgres.close();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String connectionJson(String id, String sslmode, String caPem) {
        String ca = caPem == null ? "" : ", \"ssl_root_cert\": " + JsonMapper.shared().writeValueAsString(caPem);
        return """
                {"connection_id": "%s", "type": "postgres", "jdbc_url": "%s",
                 "username": "warehouse", "password": "warehouse", "sslmode": "%s"%s}"""
                .formatted(id, tlsPostgres.jdbcUrl(PostgresServer.TARGET_DB), sslmode, ca);
    }

    private static long tlsTargetRows(String table) throws Exception {
        try (Connection c = tlsPostgres.superuser(PostgresServer.TARGET_DB); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                        + " AND tablename = '" + table + "'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
        }
        try (Connection c = tlsPostgres.superuser(PostgresServer.TARGET_DB); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT count(*) FROM public." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aSyncPipelineLoadsIntoTheTlsTargetWithVerifyFullOverEncryptedSessions() throws Exception {
        Source source = captureNewTable("tls", 1);
        String id = "tls-" + suffix();
        Api api = api();
        try {
            Api.Response created = api.post("/connection/create",
                    connectionJson("conn-" + id, "verify-full", certificates.caPem()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode shown = body(created);
            assertThat(shown.get("sslmode").asString()).isEqualTo("verify-full");
            assertThat(shown.get("ssl_root_cert").asString()).startsWith("subject CN=Spillway TLS IT CA, SHA-256 ")
                    .doesNotContain("BEGIN");
            assertThat(api.get("/connection/info/conn-" + id).body()).doesNotContain("BEGIN CERTIFICATE");

            JsonNode tested = body(api.post("/connection/test?connection_id=conn-" + id, null));
            assertThat(tested.get("ok").asBoolean()).as(tested.toString()).isTrue();

            Api.Response started = api.post("/consumer/start",
                    consumerJson(id, source.topic(), "pipeline " + id, "conn-" + id, 5, 3600, "sync"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            insertRows(source.table(), 5);
            await("5 rows in the TLS target").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> tlsTargetRows(source.table()) == 5);

            // The pool keeps its sessions for a minute: every one the pipeline opened is encrypted.
            try (Connection c = tlsPostgres.superuser("postgres"); Statement sql = c.createStatement();
                    ResultSet rs = sql.executeQuery("""
                            SELECT count(*), count(*) FILTER (WHERE s.ssl), min(s.version)
                            FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid
                            WHERE a.usename = 'warehouse' AND a.application_name = 'spillway'""")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the pipeline's sessions").isPositive();
                assertThat(rs.getLong(2)).as("encrypted sessions").isEqualTo(rs.getLong(1));
                assertThat(rs.getString(3)).startsWith("TLS");
            }
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void verifyFullWithAnotherCaFailsTheTestAndThePipelineSayingWhatToCheck() throws Exception {
        Source source = captureNewTable("tlsbad", 1);
        String id = "tlsbad-" + suffix();
        Api api = api();
        try {
            Api.Response created = api.post("/connection/create",
                    connectionJson("conn-" + id, "verify-full", otherCa.caPem()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            JsonNode tested = body(api.post("/connection/test?connection_id=conn-" + id, null));
            assertThat(tested.get("ok").asBoolean()).isFalse();
            assertThat(tested.get("message").asString()).contains("could not connect to PostgreSQL")
                    .contains("SSL").contains("signed by the CA in ssl_root_cert").doesNotContain("warehouse\"");

            Api.Response started = api.post("/consumer/start",
                    consumerJson(id, source.topic(), "pipeline " + id, "conn-" + id, 1, 3600, "sync"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            insertRows(source.table(), 1);
            await("the job's failure names ssl_root_cert").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> String.valueOf(info(api, id).get("state_reason")).contains("ssl_root_cert"));
            assertThat(tlsTargetRows(source.table())).isZero();
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void requireEncryptsWithoutACaWhereAnUnencryptedLoginIsRefused() {
        Api api = api();
        String id = "tlsreq-" + suffix();
        assertThat(api.post("/connection/create", connectionJson(id, "require", null)).status()).isEqualTo(201);
        JsonNode required = body(api.post("/connection/test?connection_id=" + id, null));
        assertThat(required.get("ok").asBoolean()).as(required.toString()).isTrue();

        // The same server refuses a session without TLS: require's success above was an encrypted one.
        assertThat(api.post("/connection/create", connectionJson(id + "-plain", "disable", null)).status())
                .isEqualTo(201);
        JsonNode plain = body(api.post("/connection/test?connection_id=" + id + "-plain", null));
        assertThat(plain.get("ok").asBoolean()).isFalse();
        assertThat(plain.get("message").asString()).contains("no encryption");

        Api.Response unknown = api.post("/connection/create", connectionJson(id + "-bad", "always", null));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(body(unknown).get("detail").asString()).contains("sslmode 'always' is unknown");
        Api.Response noCa = api.post("/connection/create", connectionJson(id + "-noca", "verify-full", null));
        assertThat(noCa.status()).isEqualTo(400);
        assertThat(body(noCa).get("detail").asString()).contains("verify-full needs ssl_root_cert");
    }
}
