package io.spillway.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OCI image tarball as {@code jib:buildTar} writes it (index.json, one manifest, config and layer blobs),
 * read without a container engine. Tar is read by hand: 512-byte headers, which is all the JDK lacks.
 */
record OciImageTarball(Map<String, byte[]> entries) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static OciImageTarball read(Path tarball) throws IOException {
        try (InputStream in = Files.newInputStream(tarball)) {
            return new OciImageTarball(entries(in));
        }
    }

    JsonNode index() {
        return json("index.json");
    }

    JsonNode manifest() {
        return blob(index().get("manifests").get(0).get("digest").asString());
    }

    /** The image configuration's {@code config} object: User, Entrypoint, ExposedPorts, Env, Labels. */
    JsonNode config() {
        return blob(manifest().get("config").get("digest").asString()).get("config");
    }

    /** Every file path of every layer (without a leading slash), in layer order. */
    List<String> layerFiles() throws IOException {
        List<String> files = new ArrayList<>();
        for (JsonNode layer : manifest().get("layers")) {
            byte[] blob = entries.get(blobPath(layer.get("digest").asString()));
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
                entries(in).keySet().forEach(name -> files.add(name.startsWith("/") ? name.substring(1) : name));
            }
        }
        return files;
    }

    private JsonNode blob(String digest) {
        return json(blobPath(digest));
    }

    private JsonNode json(String name) {
        byte[] content = entries.get(name);
        if (content == null) {
            throw new IllegalStateException("the image tarball has no " + name + "; it has " + entries.keySet());
        }
        return JSON.readTree(content);
    }

    private static String blobPath(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static Map<String, byte[]> entries(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = field(header, 345, 155).isEmpty() ? field(header, 0, 100)
                    : field(header, 345, 155) + "/" + field(header, 0, 100);
            long size = Long.parseLong(field(header, 124, 12).isEmpty() ? "0" : field(header, 124, 12), 8);
            byte[] content = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            if (header[156] == '0' || header[156] == 0) { // regular files only
                entries.put(name.startsWith("./") ? name.substring(2) : name, content);
            } else if (header[156] == '5') {
                entries.put(name, new byte[0]);
            }
        }
        return entries;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII).trim();
    }
}
