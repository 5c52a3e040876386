package dev.moviola.asset;

import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.asset.speech.TimedWord;
import dev.moviola.movie.MediaLength;
import java.util.List;
import java.nio.file.Path;

/**
 * A source made local: the file to read and, for media, what it contains.
 *
 * @param src  the source as the document wrote it
 * @param file the local copy (or the local file itself)
 * @param info   what ffmpeg found in it; null for non-media files such as fonts
 * @param sha256 hash of its bytes: what fingerprints use, so a changed file at the same path is noticed
 * @param reused true when it came from the element cache: neither downloaded nor probed for this render
 * @param words  for speech, each word and when it is said (seconds from the audio's start); else empty
 */
public record Asset(String src, Path file, MediaInfo info, String sha256, boolean reused, List<TimedWord> words) {

    public Asset {
        words = List.copyOf(words);
    }

    /** A source that is not speech. */
    public Asset(String src, Path file, MediaInfo info, String sha256, boolean reused) {
        this(src, file, info, sha256, reused, List.of());
    }

    /** How a plan refers to it: by content. */
    public AssetRef ref() {
        return new AssetRef(sha256, AssetRef.keyOf(sha256, file.getFileName().toString()), info);
    }

    /** How long it plays, as elements count their own length; null for a file that is not media. */
    public MediaLength length() {
        return info == null ? null : new MediaLength(info.pictureLength(), info.soundLength(), info.hasLength());
    }
}
