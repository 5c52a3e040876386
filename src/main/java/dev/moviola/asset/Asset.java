package dev.moviola.asset;

import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.movie.MediaLength;
import java.nio.file.Path;

/**
 * A source made local: the file to read and, for media, what it contains.
 *
 * @param src  the source as the document wrote it
 * @param file the local copy (or the local file itself)
 * @param info   what ffmpeg found in it; null for non-media files such as fonts
 * @param sha256 hash of its bytes: what fingerprints use, so a changed file at the same path is noticed
 * @param reused true when it came from the element cache: neither downloaded nor probed for this render
 */
public record Asset(String src, Path file, MediaInfo info, String sha256, boolean reused) {

    /** How a plan refers to it: by content. */
    public AssetRef ref() {
        return new AssetRef(sha256, AssetRef.keyOf(sha256, file.getFileName().toString()), info);
    }

    /** How long it plays, as elements count their own length; null for a file that is not media. */
    public MediaLength length() {
        return info == null ? null : new MediaLength(info.pictureLength(), info.soundLength(), info.hasLength());
    }
}
