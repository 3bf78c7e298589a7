package io.spillway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The container image's configuration, as Jib writes it: the {@code image-check} execution of the service
 * pom builds the same image as {@code -Pimage} on an empty base (no registry needed) before the ITs run.
 * No stack: this checks a build artifact. The image running (as its user, read-only root filesystem,
 * probes) is checked by deploy/check-image-offline.sh on a locally made base; see deploy/README.md.
 */
class ContainerImageIT {
    private static final Path TARBALL = Path.of("target", "spillway-image-check.tar");
    private static OciImageTarball image;

    @BeforeAll
    static void readTheImage() throws IOException {
        assertThat(TARBALL).as("built by the jib image-check execution (pre-integration-test)").exists();
        image = OciImageTarball.read(TARBALL);
    }

    @Test
    void isAnOciImageNamedWithTheProjectVersion() {
        assertThat(image.index().get("mediaType").asString()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(image.manifest().get("mediaType").asString())
                .isEqualTo("application/vnd.oci.image.manifest.v1+json");
        for (JsonNode layer : image.manifest().get("layers")) {
            assertThat(layer.get("mediaType").asString()).startsWith("application/vnd.oci.image.layer.v1.tar");
        }
        String name = image.index().get("manifests").get(0).get("annotations")
                .get("org.opencontainers.image.ref.name").asString();
        assertThat(name).startsWith("spillway:");
        assertThat(image.config().get("Labels").get("org.opencontainers.image.version").asString())
                .isEqualTo(name.substring("spillway:".length()));
        assertThat(image.config().get("Labels").has("org.opencontainers.image.source")).isTrue();
    }

    @Test
    void runsAsANumericNonRootUser() {
        String[] user = image.config().get("User").asString().split(":");
        assertThat(user).hasSize(2);
        assertThat(Integer.parseInt(user[0])).as("uid").isPositive();
        assertThat(Integer.parseInt(user[1])).as("gid").isPositive();
    }

    @Test
    void startsTheServiceWithContainerAwareMemoryAndExposesItsPort() {
        List<String> entrypoint = strings(image.config().get("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=/tmp");
        assertThat(entrypoint).last().isEqualTo("io.spillway.SpillwayApplication");

        assertThat(image.config().get("ExposedPorts").propertyNames()).containsExactly("8000/tcp");
        assertThat(strings(image.config().get("Env"))).as("the port the service listens on is the exposed one")
                .contains("SPILLWAY_API_PORT=8000");
    }

    @Test
    void bakesInNoSecret() {
        assertThat(strings(image.config().get("Env")))
                .noneMatch(env -> env.startsWith("SPILLWAY_API_KEY") || env.startsWith("SPILLWAY_SECRET_KEY")
                        || env.startsWith("REDIS_URL"));
    }

    @Test
    void holdsTheApplicationClassesAndItsClasspath() throws IOException {
        assertThat(image.layerFiles()).contains("app/jib-classpath-file",
                "app/classes/io/spillway/SpillwayApplication.class", "app/resources/application.yml");
        assertThat(Files.size(TARBALL)).as("dependencies are in the image").isGreaterThan(10_000_000);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
