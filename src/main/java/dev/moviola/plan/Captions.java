package dev.moviola.plan;

import dev.moviola.asset.AssetRef;
import dev.moviola.movie.SubtitleSettings;
import java.util.List;

/**
 * Captions as a plan carries them: how they look, and the cues in order on the movie's timeline. A scene's plan
 * carries the cues it shows; they are drawn over the finished picture (after transitions blend), so a caption that
 * spans a cut or a transition continues unchanged.
 *
 * @param font   the {@code font-url} file, by content, or null
 * @param source the subtitles element's JSON path, for messages ("" when unknown)
 */
public record Captions(SubtitleSettings settings, AssetRef font, List<Cue> cues, String source) {
    public Captions {
        cues = List.copyOf(cues);
        source = source == null ? "" : source;
    }

    public Captions(SubtitleSettings settings, AssetRef font, List<Cue> cues) {
        this(settings, font, cues, "");
    }

    /** The cues shown at some time in [from, to) movie seconds. */
    public Captions between(double from, double to) {
        return new Captions(settings, font, cues.stream().filter(c -> c.end() > from && c.start() < to).toList(), source);
    }
}
