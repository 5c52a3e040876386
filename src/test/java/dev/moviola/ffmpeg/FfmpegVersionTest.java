package dev.moviola.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ffmpeg's version is asked once per binary, not at every start. */
class FfmpegVersionTest {
    @TempDir
    Path dir;

    Path fakeFfmpeg(String version) throws Exception {
        Path script = dir.resolve("ffmpeg");
        Files.writeString(script, "#!/bin/sh\necho asked >> '" + dir.resolve("asked") + "'\necho 'ffmpeg version "
                + version + " Copyright (c) the FFmpeg developers'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    long asked() throws Exception {
        return Files.exists(dir.resolve("asked")) ? Files.readAllLines(dir.resolve("asked")).size() : 0;
    }

    @Test
    void theVersionIsRememberedUntilTheBinaryChanges() throws Exception {
        Path ffmpeg = fakeFfmpeg("9.9-test");
        Path cache = dir.resolve("cache");
        assertThat(FfmpegLocator.version(ffmpeg, cache)).isEqualTo("9.9-test");
        assertThat(FfmpegLocator.version(ffmpeg, cache)).isEqualTo("9.9-test");
        assertThat(asked()).isEqualTo(1);

        fakeFfmpeg("10.0-new");
        Files.setLastModifiedTime(ffmpeg, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(FfmpegLocator.version(ffmpeg, cache)).isEqualTo("10.0-new");
        assertThat(asked()).isEqualTo(2);
    }
}
