package dev.moviola.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What an entry holds, written last into it: each file's size and SHA-256 (checked on every read) and the
 * producer's metadata.
 */
record Manifest(String namespace, String key, String created, Map<String, FileRecord> files, JsonNode meta) {
    static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    record FileRecord(long size, String sha256) {
    }

    Manifest {
        files = Map.copyOf(files);
        meta = meta == null ? JSON.createObjectNode() : meta;
    }

    static Manifest read(Path file) throws IOException {
        Manifest m = JSON.readValue(file.toFile(), Manifest.class);
        if (m.files == null || m.key == null) {
            throw new IOException("incomplete manifest");
        }
        return m;
    }

    void write(Path file) throws IOException {
        Files.write(file, JSON.writeValueAsBytes(this));
    }
}
