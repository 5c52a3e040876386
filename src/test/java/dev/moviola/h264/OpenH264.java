package dev.moviola.h264;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Test side: decodes a raw H.264 file with Cisco OpenH264 through a python3 ctypes harness (no C compiler in CI) and
 * returns the md5 of every frame. A second decoder besides FFmpeg, which is lenient about the end of CABAC slices.
 * Without python3 or libopenh264 the test is skipped, saying which packages to install, so that {@code mvn test} passes
 * on a machine with only a JDK and Maven; CI ({@code .ci/run}) installs both, so there the check always runs.
 */
final class OpenH264 {
    static final String PACKAGES = "install the Debian packages python3 and libopenh264-7";
    private static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/libopenh264.so.7");

    private OpenH264() {
    }

    static List<String> md5s(Path h264, Path dir) {
        Path script = dir.resolve("openh264_md5.py");
        try (InputStream in = OpenH264.class.getResourceAsStream("openh264_md5.py")) {
            assertThat(in).as("test resource openh264_md5.py").isNotNull();
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        X264Runs.Result r;
        try {
            r = X264Runs.run(List.of("python3", script.toString(), h264.toString()), 120);
        } catch (UncheckedIOException e) {
            Assumptions.abort("python3 is not installed (" + e.getCause().getMessage() + "): " + PACKAGES);
            throw e;
        }
        if (r.exit() == 3) {
            Assumptions.abort("OpenH264 is not installed (" + LIBRARY + "): " + PACKAGES + "; " + r.stderr());
        }
        assertThat(r.exit()).as("OpenH264 decode of %s: %s", h264, r.stderr()).isZero();
        assertThat(r.stderr()).as("OpenH264 messages for %s", h264).isEmpty();
        return Arrays.stream(r.stdout().split("\n")).filter(s -> !s.isBlank()).toList();
    }
}
