package dev.moviola.plan;

import dev.moviola.asset.Asset;
import dev.moviola.asset.Assets;
import dev.moviola.movie.Element;
import dev.moviola.movie.Fps;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Limits;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Playback;
import dev.moviola.movie.Problem;
import dev.moviola.movie.Scene;
import dev.moviola.movie.AudioElement;
import dev.moviola.movie.VideoElement;
import dev.moviola.movie.VisualElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compiles a movie, once its sources are local and probed, into a {@link RenderPlan}: scene lengths, the frame
 * grid, each scene's layers and the movie's sounds on one timeline.
 *
 * <p>Scene boundaries are placed on the frame grid from the exact running sum of scene lengths, so rounding
 * never accumulates: every scene starts within half a frame of where the document says, whatever the number
 * of scenes. Sound is placed at the exact times (sample-accurate), so it stays within half a frame of the
 * picture and consecutive sounds join seamlessly.
 */
public final class PlanCompiler {
    /** Length of a scene that has nothing with a length of its own. */
    static final double DEFAULT_SCENE_LENGTH = 5;

    private final Limits limits;

    public PlanCompiler(Limits limits) {
        this.limits = limits;
    }

    public RenderPlan compile(Movie movie, Assets assets) throws InvalidMovieException {
        Fps fps = movie.fps();
        List<Problem> warnings = new ArrayList<>();
        double[] lengths = new double[movie.scenes().size()];
        double total = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = sceneLength(movie.scenes().get(i), assets);
            total += lengths[i];
        }
        if (total > limits.maxDuration()) {
            throw new InvalidMovieException(List.of(Problem.error("scenes", String.format(Locale.ROOT,
                    "the movie would last %.1f s, more than the limit of %.0f s; shorten or split it", total,
                    limits.maxDuration()))));
        }
        long[] startFrames = new long[lengths.length + 1];
        double running = 0;
        for (int i = 0; i < lengths.length; i++) {
            running += lengths[i];
            startFrames[i + 1] = Math.max(startFrames[i] + 1, fps.frameAt(running));
        }
        long movieFrames = startFrames[lengths.length];
        double movieLength = fps.timeOf(movieFrames);

        List<Slot> movieSlots = new ArrayList<>();
        for (Element e : movie.elements()) {
            Slot slot = Slot.of(e, assets.of(e), movieLength);
            movieSlots.add(slot);
            warnIfNeverPlays(e, slot, movieLength, "the movie", warnings);
        }

        List<ScenePlan> scenes = new ArrayList<>();
        List<AudioTrack> audio = new ArrayList<>();
        double exactStart = 0;
        for (int i = 0; i < lengths.length; i++) {
            Scene scene = movie.scenes().get(i);
            long start = startFrames[i];
            long frames = startFrames[i + 1] - start;
            double container = fps.timeOf(frames);
            List<Layer> layers = new ArrayList<>();
            List<Layer> sceneLayers = new ArrayList<>();
            for (Element e : scene.elements()) {
                Asset a = assets.of(e);
                Slot slot = Slot.of(e, a, container);
                warnIfNeverPlays(e, slot, lengths[i], "its scene", warnings);
                if (e instanceof VisualElement v) {
                    layer(v, a, slot, 0, frames, fps).ifPresent(sceneLayers::add);
                }
                // Sound follows the document's exact times, not the frame grid: consecutive sounds then join
                // without gaps, and a scene's sound starts within half a frame of its picture.
                track(e, a, Slot.of(e, a, lengths[i]), exactStart, warnings).ifPresent(audio::add);
            }
            exactStart += lengths[i];
            layers.addAll(byZ(sceneLayers));
            List<Layer> overlays = new ArrayList<>();
            for (int m = 0; m < movie.elements().size(); m++) {
                if (movie.elements().get(m) instanceof VisualElement v) {
                    layer(v, assets.of(v), movieSlots.get(m), start, frames, fps).ifPresent(overlays::add);
                }
            }
            layers.addAll(byZ(overlays));
            scenes.add(new ScenePlan(i, scene.id(), scene.where().toString(), start, frames, scene.background(), layers));
        }
        for (int m = 0; m < movie.elements().size(); m++) {
            Element e = movie.elements().get(m);
            track(e, assets.of(e), movieSlots.get(m), 0, warnings).ifPresent(audio::add);
        }
        Output output = new Output(movie.resolution().width(), movie.resolution().height(), fps, movie.quality(),
                movie.draft());
        return new RenderPlan(output, scenes, audio, movieFrames, warnings);
    }

    /** A scene's length in seconds: its own, or the latest end among elements with a length of their own. */
    static double sceneLength(Scene scene, Assets assets) {
        if (scene.duration() > 0) {
            return scene.duration();
        }
        double end = 0;
        boolean any = false;
        for (Element e : scene.elements()) {
            Asset a = assets.of(e);
            if (Slot.hasOwnLength(e, a)) {
                end = Math.max(end, Slot.of(e, a, Double.POSITIVE_INFINITY).end());
                any = true;
            }
        }
        return any && end > 0 ? end : DEFAULT_SCENE_LENGTH;
    }

    /**
     * The element as drawn in the scene whose first frame is {@code sceneStart} (in the element's container's
     * frames: 0 for scene elements, the scene's movie frame for movie-level ones); empty when not visible in it.
     */
    private static Optional<Layer> layer(VisualElement e, Asset a, Slot slot, long sceneStart,
            long sceneFrames, Fps fps) {
        long startFrame = fps.frameAt(slot.start()) - sceneStart;
        long endFrame = fps.frameAt(slot.end()) - sceneStart;
        long from = Math.max(0, startFrame);
        long to = Math.min(sceneFrames, endFrame);
        if (to <= from) {
            return Optional.empty();
        }
        return Optional.of(new Layer(e, a, from, to, startFrame, slot.play(), slot.end() - slot.start()));
    }

    /** The sound an element contributes, placed on the movie's timeline; empty when silent. */
    private static Optional<AudioTrack> track(Element e, Asset a, Slot slot, double containerStart,
            List<Problem> warnings) {
        Playback p;
        if (e instanceof AudioElement au) {
            p = au.playback();
        } else if (e instanceof VideoElement v && a.info().hasAudio()) {
            p = v.playback();
        } else {
            return Optional.empty();
        }
        if (p.gain() == 0 || slot.play() <= 0) {
            return Optional.empty();
        }
        double length = a.info().soundLength();
        if (length > 0 && p.seek() >= length) {
            warnings.add(Problem.warning(e.where().at("seek"), String.format(Locale.ROOT,
                    "seek %.2f s is past the end of the source (%.2f s long): it plays nothing", p.seek(), length)));
            return Optional.empty();
        }
        return Optional.of(new AudioTrack(e.where().toString(), a.file(), containerStart + slot.start(), slot.play(),
                p.seek(), p.loop(), p.gain(), e.timing().fadeIn(), e.timing().fadeOut()));
    }

    private static void warnIfNeverPlays(Element e, Slot slot, double container, String what, List<Problem> warnings) {
        if (e.timing().start() >= container) {
            warnings.add(Problem.warning(e.where().at("start"), String.format(Locale.ROOT,
                    "starts at %.2f s but %s lasts %.2f s: it never plays", e.timing().start(), what, container)));
        }
    }

    /** Bottom to top: lower z-index first; equal z-index keeps document order (the sort is stable). */
    private static List<Layer> byZ(List<Layer> layers) {
        List<Layer> sorted = new ArrayList<>(layers);
        sorted.sort(Comparator.comparingInt(l -> l.element().visual().zIndex()));
        return sorted;
    }
}
