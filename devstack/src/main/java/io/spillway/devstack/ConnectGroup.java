package io.spillway.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which Connect cluster a worker joins, its group id and internal topics ({@code <topicPrefix>-configs},
 * {@code -offsets}, {@code -status}), and the users its REST API demands: user name to password; none
 * means an open API. With users the worker runs Kafka's BasicAuthSecurityRestExtension, whose JAAS
 * {@code KafkaConnect} entry reads them through PropertyFileLoginModule.
 */
public record ConnectGroup(String id, String topicPrefix, Map<String, String> users) {
    /** The devstack's own worker: open, with the topic names every earlier data directory has. */
    public static final ConnectGroup DEVSTACK = new ConnectGroup("spillway-devstack-connect", "connect", Map.of());
    private static final String BASIC_AUTH_PACKAGE = "org.apache.kafka.connect.rest.basic.auth.extension";

    String configs() {
        return topicPrefix + "-configs";
    }

    String offsets() {
        return topicPrefix + "-offsets";
    }

    String status() {
        return topicPrefix + "-status";
    }

    /** The worker property that turns basic auth on, or an empty line. */
    String restExtensionProperty() {
        return users.isEmpty() ? ""
                : "rest.extension.classes=" + BASIC_AUTH_PACKAGE + ".BasicAuthSecurityRestExtension";
    }

    /** An Authorization header value as one of the users, for the devstack's own calls. */
    Optional<String> authorization() {
        return users.entrySet().stream().findFirst().map(user -> "Basic " + Base64.getEncoder()
                .encodeToString((user.getKey() + ":" + user.getValue()).getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the users file (user=password lines) and the JAAS file naming it; returns the JAAS file. */
    Path writeJaas(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path usersFile = dataDir.resolve("connect-users.properties");
            Files.writeString(usersFile, users.entrySet().stream().map(u -> u.getKey() + "=" + u.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
            Path jaas = dataDir.resolve("connect-jaas.conf");
            Files.writeString(jaas, "KafkaConnect {\n  " + BASIC_AUTH_PACKAGE + ".PropertyFileLoginModule required\n"
                    + "  file=\"" + usersFile + "\";\n};\n");
            return jaas;
        } catch (IOException e) {
            throw new DevstackException("cannot write the Connect JAAS configuration: " + e.getMessage(), e);
        }
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "ConnectGroup[" + id + ", " + topicPrefix + ", users=" + users.keySet() + "]";
    }
}
