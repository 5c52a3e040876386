package dev.moviola.asset;

import dev.moviola.ffmpeg.MediaInfo;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A source as a render plan refers to it: by content, never by a local path, so that any machine that can reach
 * the job's files renders the same scene from the plan alone.
 *
 * @param sha256 the SHA-256 of its bytes (what fingerprints use)
 * @param key    the name asset stores keep it under: the hash and the file's extension ({@code <sha256>.jpg}),
 *               which some demuxers go by
 * @param info   what ffmpeg found in it; null for non-media files such as fonts
 */
public record AssetRef(String sha256, String key, MediaInfo info) {
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");

    /** The key of a file with these bytes and this name: its hash, then the name's extension when it has a plain one. */
    public static String keyOf(String sha256, String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSION.matcher(ext).matches() ? sha256 + "." + ext : sha256;
    }
}
