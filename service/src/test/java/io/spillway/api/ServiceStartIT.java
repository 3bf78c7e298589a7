package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spillway.support.StackIT;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ServiceStartIT extends StackIT {
    @Test
    void withoutAnApiKeyTheApiIsReachableFromThisMachineOnly() throws Exception {
        assertThat(api().get("/health").status()).isIn(200, 503);
        InetAddress external = nonLoopbackAddress();
        assumeTrue(external != null, "this machine has no non-loopback address to try the API port on");
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external, port), 2_000))
                    .as("the API port on %s", external).isInstanceOf(ConnectException.class);
        }
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void rootAnswersAndPointsToTheDocs() {
        var response = api().get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"docs\":\"/docs\"");
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        assertThat(api().get("/openapi.json").body()).contains("\"openapi\"");
        assertThat(api().get("/docs").status()).isIn(200, 302);
    }

    @Test
    void malformedJsonIsAProblemResponseNotA500() {
        var response = api().post("/", "{not json");
        assertThat(response.status()).isBetween(400, 499);
    }
}
