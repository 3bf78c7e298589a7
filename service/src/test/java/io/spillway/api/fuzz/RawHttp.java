package io.spillway.api.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.0 over a socket, for request targets {@link java.net.URI} refuses to build (a lone '%', raw bytes):
 * what a hostile client sends is not limited to what a well-behaved client library can.
 */
final class RawHttp {
    /** The status, the header block as text, and the body. */
    record Answer(int status, String headers, String body) {
        String contentType() {
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    return line.substring("content-type:".length()).trim();
                }
            }
            return "";
        }
    }

    private RawHttp() {
    }

    static Answer send(int port, String method, String target, String apiKey) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            String request = method + " " + target + " HTTP/1.0\r\nHost: localhost\r\n"
                    + (apiKey == null ? "" : "X-API-Key: " + apiKey + "\r\n") + "Content-Length: 0\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String[] statusLine = head.split(" ", 3);
            int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
            return new Answer(status, head, end < 0 ? "" : text.substring(end + 4));
        }
    }
}
