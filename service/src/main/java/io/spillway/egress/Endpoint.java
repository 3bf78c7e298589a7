package io.spillway.egress;

/** A host (name or literal, as the connection writes it) and the port a connection reaches it on. */
public record Endpoint(String host, int port) {
}
