package dev.moviola.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an entry holds, written last into it: each file's size, CRC-32C and SHA-256, and the producer's
 * metadata. Reads check size and CRC-32C: it catches torn and damaged files as surely as a cryptographic hash
 * (the store is the operator's, not an adversary's) at a tenth of the cost in a cold process — SHA-256 runs
 * interpreted until the JIT gets to it, ~100 ms for a 7 MB movie. SHA-256 stays recorded as the content's
 * identity (what download fingerprints use). Read and written as a JSON tree: binding records costs a cold process tens of
 * milliseconds, and a cache hit should cost almost nothing.
 */
record Manifest(String namespace, String key, String created, Map<String, FileRecord> files, JsonNode meta) {
    static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param crc32c hex; null in entries written before it was recorded (then reads check the SHA-256) */
    record FileRecord(long size, String sha256, String crc32c) {
    }

    Manifest {
        files = Map.copyOf(files);
        meta = meta == null ? JsonNodeFactory.instance.objectNode() : meta;
    }

    static Manifest read(Path file) throws IOException {
        JsonNode n = JSON.readTree(file.toFile());
        if (n == null || !n.path("key").isTextual() || !n.path("files").isObject()) {
            throw new IOException("incomplete manifest");
        }
        Map<String, FileRecord> files = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : n.get("files").properties()) {
            if (!f.getValue().path("size").canConvertToLong() || !f.getValue().path("sha256").isTextual()) {
                throw new IOException("incomplete manifest entry for " + f.getKey());
            }
            JsonNode crc = f.getValue().get("crc32c");
            files.put(f.getKey(), new FileRecord(f.getValue().get("size").asLong(), f.getValue().get("sha256").asText(),
                    crc != null && crc.isTextual() ? crc.asText() : null));
        }
        return new Manifest(n.path("namespace").asText(), n.get("key").asText(), n.path("created").asText(), files,
                n.get("meta"));
    }

    void write(Path file) throws IOException {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("namespace", namespace).put("key", key)
                .put("created", created);
        ObjectNode f = n.putObject("files");
        files.forEach((name, r) -> f.putObject(name).put("size", r.size()).put("sha256", r.sha256()).put("crc32c", r.crc32c()));
        n.set("meta", meta);
        Files.write(file, JSON.writeValueAsBytes(n));
    }
}
