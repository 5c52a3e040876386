package dev.moviola.plan;

import dev.moviola.asset.Asset;
import dev.moviola.asset.AssetRef;
import dev.moviola.asset.Assets;
import dev.moviola.asset.speech.TimedWord;
import dev.moviola.movie.Captioning;
import dev.moviola.movie.Element;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Problem;
import dev.moviola.movie.Scene;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The movie's captions on its timeline (docs/format.md#subtitles): for each subtitles element, the cues of its
 * captions file or inline text, else of the voices it covers (their words as spoken, placed where each voice
 * plays), else a track to transcribe from the movie's sound once it is mixed.
 */
final class CaptionPlanner {
    private CaptionPlanner() {
    }

    static List<CaptionTrack> tracks(Movie movie, Assets assets, Timeline timeline, List<Problem> warnings)
            throws InvalidMovieException {
        List<CaptionTrack> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Element e : movie.elements()) {
            if (e instanceof Captioning c) {
                out.add(track(c, movie, assets, timeline, -1, problems));
            }
        }
        for (int i = 0; i < movie.scenes().size(); i++) {
            for (Element e : movie.scenes().get(i).elements()) {
                if (e instanceof Captioning c) {
                    out.add(track(c, movie, assets, timeline, i, problems));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMovieException(problems);
        }
        return out;
    }

    /** @param scene the scene the captions cover, or -1 for the whole movie */
    private static CaptionTrack track(Captioning c, Movie movie, Assets assets, Timeline timeline, int scene,
            List<Problem> problems) {
        double from = scene < 0 ? 0 : timeline.sceneStart(scene);
        double to = scene < 0 ? timeline.movieLength() : from + timeline.sceneLength(scene);
        AssetRef font = c.settings().fontUrl() == null ? null : assets.get(c.settings().fontUrl()).ref();
        String text = c.inline();
        String at = c.where().at(c.inline() != null || c.captions() != null ? "captions" : "type");
        if (text == null && c.captions() != null) {
            try {
                text = Files.readString(assets.get(c.captions()).file(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(Problem.error(at, "the captions file cannot be read as UTF-8 text: " + e.getMessage()));
                return new CaptionTrack(c.where().toString(), from, to, new Captions(c.settings(), font, List.of(), c.where().toString()), null);
            }
        }
        if (text != null) {
            try {
                List<Cue> cues = within(shifted(CaptionFiles.parse(text), from), from, to);
                return new CaptionTrack(c.where().toString(), from, to, new Captions(c.settings(), font, cues, c.where().toString()), null);
            } catch (CaptionFileException e) {
                problems.add(Problem.error(at, e.getMessage()));
                return new CaptionTrack(c.where().toString(), from, to, new Captions(c.settings(), font, List.of(), c.where().toString()), null);
            }
        }
        List<List<CaptionWord>> spoken = voices(movie, assets, timeline, scene);
        if (spoken.stream().anyMatch(v -> !v.isEmpty())) {
            List<Cue> cues = within(CueBuilder.fromVoices(spoken, c.settings().maxWordsPerLine()), from, to);
            return new CaptionTrack(c.where().toString(), from, to, new Captions(c.settings(), font, cues, c.where().toString()), null);
        }
        return new CaptionTrack(c.where().toString(), from, to, new Captions(c.settings(), font, List.of(), c.where().toString()),
                new CaptionTrack.Transcription(c.language(), c.model()));
    }

    /** Cues within the part the captions cover: none starts after it, none outlasts it. */
    private static List<Cue> within(List<Cue> cues, double from, double to) {
        return cues.stream().filter(q -> q.start() < to && q.end() > from)
                .map(q -> q.end() <= to ? q : new Cue(q.start(), to, q.words())).toList();
    }

    /** A file's cues, whose times count from the start of the part they cover. */
    private static List<Cue> shifted(List<Cue> cues, double by) {
        if (by == 0) {
            return cues;
        }
        return cues.stream().map(q -> new Cue(q.start() + by, q.end() + by, q.words().stream()
                .map(w -> new CaptionWord(w.text(), w.start() + by, w.end() + by)).toList())).toList();
    }

    /**
     * The words of the voices the captions cover, in movie seconds, one list per voice in document order: a voice's
     * word is placed where the voice plays it, and words it does not reach (cut at its container's end) are left out.
     */
    private static List<List<CaptionWord>> voices(Movie movie, Assets assets, Timeline timeline, int scene) {
        List<List<CaptionWord>> out = new ArrayList<>();
        if (scene < 0) {
            for (Element e : movie.elements()) {
                out.add(words(e, assets, 0, timeline.movieLength()));
            }
        }
        for (int i = 0; i < movie.scenes().size(); i++) {
            if (scene < 0 || scene == i) {
                Scene s = movie.scenes().get(i);
                for (Element e : s.elements()) {
                    out.add(words(e, assets, timeline.sceneStart(i), timeline.sceneLength(i)));
                }
            }
        }
        out.removeIf(List::isEmpty);
        return out;
    }

    private static List<CaptionWord> words(Element e, Assets assets, double containerStart, double containerLength) {
        Asset a = assets.of(e);
        if (a == null || a.words().isEmpty()) {
            return List.of();
        }
        Slot slot = Slot.of(e, a, containerLength);
        List<CaptionWord> out = new ArrayList<>();
        for (TimedWord w : a.words()) {
            if (w.start() < slot.play()) {
                double start = containerStart + slot.start() + w.start();
                double end = containerStart + slot.start() + Math.min(w.end(), slot.play());
                out.add(new CaptionWord(w.text(), start, end));
            }
        }
        return out;
    }
}
