package dev.moviola.ffmpeg;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The ffmpeg (and, when there is one, ffprobe) that renders use, and where it was found.
 *
 * @param ffprobe empty when only ffmpeg exists (the bundled build): probing then reads ffmpeg's own output
 * @param version the version string ffmpeg reports, e.g. {@code 5.1.6-0+deb12u1}
 * @param origin  how it was found: {@code configured}, {@code PATH} or {@code bundled}
 */
public record FfmpegInstallation(Path ffmpeg, Optional<Path> ffprobe, String version, String origin) {

    /** The major version number (4, 5, 6, 7…), or 0 when the version string has none (git builds). */
    public int majorVersion() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^n?(\\d+)\\.").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
