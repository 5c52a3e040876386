package dev.moviola.movie;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Captions drawn over the finished picture: from {@code captions} (a URL or path, or inline SRT, VTT or ASS text),
 * else from the movie's voices (their words as spoken), else by transcribing the movie's sound. At most one per
 * movie, at movie level; one inside a scene captions that scene's part of the movie.
 *
 * @param captions  a URL or path of an SRT/VTT/ASS file; null when inline or absent
 * @param inline    inline SRT/VTT/ASS text; null when none
 * @param language  the language of the speech ({@code en}, {@code en-US}), or null for "find out"
 * @param model     the transcription model asked for ({@code default}, {@code whisper}), or null
 */
public record SubtitlesElement(Location where, String id, Timing timing, String captions, String inline,
        String language, String model, SubtitleSettings settings, boolean cache) implements Element, Sourced, Captioning {

    @Override
    public SubtitlesElement withTiming(Timing timing) {
        return new SubtitlesElement(where, id, timing, captions, inline, language, model, settings, cache);
    }

    @Override
    public String type() {
        return "subtitles";
    }

    /** Its captions file and its font, when it has them. */
    @Override
    public List<Source> sources() {
        List<Source> out = new ArrayList<>();
        if (captions != null) {
            out.add(new Source(captions, where.at("captions"), Source.Need.FILE));
        }
        if (settings.fontUrl() != null) {
            out.add(new Source(settings.fontUrl(), where.key("settings").at("font-url"), Source.Need.FILE));
        }
        return out;
    }

    @Override
    public SubtitlesElement withSources(UnaryOperator<String> rename) {
        SubtitleSettings s = settings.fontUrl() == null ? settings : settings.withFontUrl(rename.apply(settings.fontUrl()));
        return new SubtitlesElement(where, id, timing, captions == null ? null : rename.apply(captions), inline,
                language, model, s, cache);
    }

    @Override
    public boolean usesFonts() {
        return true;
    }
}
