package dev.moviola.plan;

import dev.moviola.asset.Asset;
import dev.moviola.asset.AssetRef;
import dev.moviola.asset.Assets;
import dev.moviola.movie.Element;
import dev.moviola.movie.Fps;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Limits;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Playback;
import dev.moviola.movie.Problem;
import dev.moviola.movie.Scene;
import dev.moviola.movie.Sounding;
import dev.moviola.movie.Sourced;
import dev.moviola.movie.Transition;
import dev.moviola.movie.VisualElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a movie, once its sources are local and probed, into a {@link RenderPlan}: scene lengths, the frame
 * grid, each scene's layers and the movie's sounds on one timeline ({@link Timeline}).
 *
 * <p>Sound is placed at the exact times (sample-accurate), so it stays within half a frame of the picture and
 * consecutive sounds join seamlessly; over a transition the two scenes' sounds crossfade. The plan names sources
 * by content ({@link AssetRef}), never by a local path, so it renders the same on any machine.
 */
public final class PlanCompiler {
    /** Length of a scene that has nothing with a length of its own. */
    static final double DEFAULT_SCENE_LENGTH = Timeline.DEFAULT_SCENE_LENGTH;

    private final Limits limits;

    public PlanCompiler(Limits limits) {
        this.limits = limits;
    }

    public RenderPlan compile(Movie movie, Assets assets) throws InvalidMovieException {
        Fps fps = movie.fps();
        List<Problem> warnings = new ArrayList<>();
        List<Scene> scenes = movie.scenes();
        int n = scenes.size();
        Timeline timeline = Timeline.of(movie, assets::of);
        checkTransitions(timeline, warnings);
        double total = timeline.exactLength();
        if (total > limits.maxDuration()) {
            throw new InvalidMovieException(List.of(Problem.error("scenes", String.format(Locale.ROOT,
                    "the movie would last %.1f s, more than the limit of %.0f s; shorten or split it", total,
                    limits.maxDuration()))));
        }
        long movieFrames = timeline.frames();
        double movieLength = timeline.movieLength();
        Portable portable = new Portable(assets);

        List<Slot> movieSlots = new ArrayList<>();
        for (Element e : movie.elements()) {
            Slot slot = Slot.of(e, assets.of(e), movieLength);
            movieSlots.add(slot);
            warnIfNeverPlays(e, slot, movieLength, "the movie", warnings);
        }

        List<ScenePlan> plans = new ArrayList<>();
        List<AudioTrack> audio = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Scene scene = scenes.get(i);
            long start = timeline.startFrame(i);
            long frames = timeline.endFrame(i) - start;
            double length = timeline.sceneLength(i);
            double exactStart = timeline.sceneStart(i);
            double container = fps.timeOf(frames);
            double fadeOut = i + 1 < n ? timeline.transition(i + 1) : 0;
            AudioTrack.Crossfade crossfade = timeline.transition(i) > 0 || fadeOut > 0 ? new AudioTrack.Crossfade(
                    exactStart, timeline.transition(i), exactStart + length - fadeOut, fadeOut) : null;
            List<Layer> sceneLayers = new ArrayList<>();
            for (Element e : scene.elements()) {
                Asset a = assets.of(e);
                Slot slot = Slot.of(e, a, container);
                warnIfNeverPlays(e, slot, length, "its scene", warnings);
                if (e instanceof VisualElement v) {
                    layer(v, portable, slot, 0, frames, fps).ifPresent(sceneLayers::add);
                }
                // Sound follows the document's exact times, not the frame grid: consecutive sounds then join
                // without gaps, and a scene's sound starts within half a frame of its picture.
                track(e, a, Slot.of(e, a, length), exactStart, crossfade, warnings).ifPresent(audio::add);
            }
            List<Layer> layers = new ArrayList<>(byZ(sceneLayers));
            List<Layer> overlays = new ArrayList<>();
            for (int m = 0; m < movie.elements().size(); m++) {
                if (movie.elements().get(m) instanceof VisualElement v) {
                    layer(v, portable, movieSlots.get(m), start, frames, fps).ifPresent(overlays::add);
                }
            }
            layers.addAll(byZ(overlays));
            long head = i == 0 ? 0 : Math.max(0, timeline.endFrame(i - 1) - start);
            long tail = i + 1 < n ? Math.max(0, timeline.endFrame(i) - timeline.startFrame(i + 1)) : 0;
            ScenePlan.Blend blendIn = head > 0 ? new ScenePlan.Blend(scene.transition().style(), head) : null;
            // docs/format.md#caching: a cache:false on the movie, the scene or any element in it renders the scene afresh.
            boolean cache = movie.cache() && scene.cache() && scene.elements().stream().allMatch(Element::cache)
                    && layers.stream().allMatch(l -> l.element().cache());
            plans.add(new ScenePlan(i, scene.id(), scene.where().toString(), start, frames, scene.background(), layers,
                    blendIn, tail, null, cache));
        }
        for (int m = 0; m < movie.elements().size(); m++) {
            Element e = movie.elements().get(m);
            track(e, assets.of(e), movieSlots.get(m), 0, null, warnings).ifPresent(audio::add);
        }
        List<CaptionTrack> captions = CaptionPlanner.tracks(movie, assets, timeline, warnings);
        return new RenderPlan(output(movie), plans, audio, movieFrames, warnings, movie.cache(), movie.reusable(),
                List.of(), null).withCaptions(captions);
    }

    /** What the movie's file will be: frame size, rate, quality, draft. */
    public static Output output(Movie movie) {
        return new Output(movie.resolution().width(), movie.resolution().height(), movie.fps(), movie.quality(),
                movie.draft());
    }

    /**
     * A transition on the first scene has nothing to blend with and is ignored (a warning); one longer than half of
     * either scene it joins is an error.
     */
    private static void checkTransitions(Timeline timeline, List<Problem> warnings) throws InvalidMovieException {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < timeline.scenes(); i++) {
            Scene scene = timeline.scene(i);
            Transition t = scene.transition();
            if (t == null) {
                continue;
            }
            if (i == 0) {
                warnings.add(Problem.warning(scene.where().at("transition"), "the first scene has no scene "
                        + "before it to blend with: its transition is ignored"));
                continue;
            }
            double before = timeline.sceneLength(i - 1);
            double length = timeline.sceneLength(i);
            double limit = Math.min(before, length) / 2;
            if (t.duration() > limit + 1e-9) {
                problems.add(Problem.error(scene.where().key("transition").at("duration"), "a "
                        + seconds(t.duration()) + " s transition is longer than half of the scenes it joins ("
                        + seconds(before) + " s and " + seconds(length) + " s); make it at most "
                        + seconds(limit) + " s"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMovieException(problems);
        }
    }

    private static String seconds(double s) {
        return java.math.BigDecimal.valueOf(s).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    /** A scene's length in seconds: its own, or the latest end among elements with a length of their own. */
    static double sceneLength(Scene scene, Assets assets) {
        Movie one = new Movie(List.of(scene), List.of(), List.of(), null, new Fps(25, 1), null, true, false, null,
                null, List.of());
        return Timeline.of(one, assets::of).sceneLength(0);
    }

    /** Elements as a plan holds them: their sources named by content, never by a local path or a URL. */
    private static final class Portable {
        private final Assets assets;
        private final Map<String, String> keys = new HashMap<>();

        Portable(Assets assets) {
            this.assets = assets;
            assets.bySource().forEach((src, a) -> keys.put(src, a.ref().key()));
        }

        VisualElement element(VisualElement e) {
            return e instanceof Sourced s ? (VisualElement) s.withSources(keys::get) : e;
        }

        List<AssetRef> refs(Element e) {
            return assets.all(e).stream().map(Asset::ref).toList();
        }
    }

    /**
     * The element as drawn in the scene whose first frame is {@code sceneStart} (in the element's container's
     * frames: 0 for scene elements, the scene's movie frame for movie-level ones); empty when not visible in it.
     */
    private static Optional<Layer> layer(VisualElement e, Portable portable, Slot slot, long sceneStart,
            long sceneFrames, Fps fps) {
        long startFrame = fps.frameAt(slot.start()) - sceneStart;
        long endFrame = fps.frameAt(slot.end()) - sceneStart;
        long from = Math.max(0, startFrame);
        long to = Math.min(sceneFrames, endFrame);
        if (to <= from) {
            return Optional.empty();
        }
        return Optional.of(new Layer(portable.element(e), portable.refs(e), from, to, startFrame, slot.play(),
                slot.end() - slot.start()));
    }

    /** The sound an element contributes, placed on the movie's timeline; empty when silent. */
    private static Optional<AudioTrack> track(Element e, Asset a, Slot slot, double containerStart,
            AudioTrack.Crossfade crossfade, List<Problem> warnings) {
        if (!(e instanceof Sounding s) || !a.info().hasAudio()) {
            return Optional.empty();
        }
        Playback p = s.playback();
        if (p.gain() == 0 || slot.play() <= 0) {
            return Optional.empty();
        }
        double length = a.info().soundLength();
        if (length > 0 && p.seek() >= length) {
            warnings.add(Problem.warning(e.where().at("seek"), String.format(Locale.ROOT,
                    "seek %.2f s is past the end of the source (%.2f s long): it plays nothing", p.seek(), length)));
            return Optional.empty();
        }
        return Optional.of(new AudioTrack(e.where().toString(), a.ref(), containerStart + slot.start(), slot.play(),
                p.seek(), p.loop(), p.gain(), e.timing().fadeIn(), e.timing().fadeOut(), crossfade, e.cache()));
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
