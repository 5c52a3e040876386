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
import dev.moviola.movie.Transition;
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
 * <p>Scene boundaries are placed on the frame grid from the exact running sum of scene lengths (minus each
 * transition, which makes a scene start before the previous one ends), so rounding never accumulates: every
 * scene starts within half a frame of where the document says, whatever the number of scenes. Sound is
 * placed at the exact times (sample-accurate), so it stays within half a frame of the picture and consecutive
 * sounds join seamlessly; over a transition the two scenes' sounds crossfade.
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
        List<Scene> scenes = movie.scenes();
        int n = scenes.size();
        double[] lengths = new double[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = sceneLength(scenes.get(i), assets);
        }
        double[] blends = transitions(scenes, lengths, warnings);
        // Exact start of each scene (a transition makes it start before the previous one ends), then the grid.
        double[] exactStart = new double[n];
        long[] startFrame = new long[n];
        long[] endFrame = new long[n];
        for (int i = 0; i < n; i++) {
            exactStart[i] = i == 0 ? 0 : exactStart[i - 1] + lengths[i - 1] - blends[i];
            startFrame[i] = i == 0 ? 0 : Math.max(startFrame[i - 1] + 1, fps.frameAt(exactStart[i]));
            endFrame[i] = Math.max(startFrame[i] + 1, fps.frameAt(exactStart[i] + lengths[i]));
            if (i > 0 && blends[i] == 0) {
                startFrame[i] = endFrame[i - 1];
                endFrame[i] = Math.max(startFrame[i] + 1, endFrame[i]);
            }
        }
        double total = n == 0 ? 0 : exactStart[n - 1] + lengths[n - 1];
        if (total > limits.maxDuration()) {
            throw new InvalidMovieException(List.of(Problem.error("scenes", String.format(Locale.ROOT,
                    "the movie would last %.1f s, more than the limit of %.0f s; shorten or split it", total,
                    limits.maxDuration()))));
        }
        long movieFrames = n == 0 ? 0 : endFrame[n - 1];
        double movieLength = fps.timeOf(movieFrames);

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
            long start = startFrame[i];
            long frames = endFrame[i] - start;
            double container = fps.timeOf(frames);
            double fadeOut = i + 1 < n ? blends[i + 1] : 0;
            AudioTrack.Crossfade crossfade = blends[i] > 0 || fadeOut > 0 ? new AudioTrack.Crossfade(exactStart[i],
                    blends[i], exactStart[i] + lengths[i] - fadeOut, fadeOut) : null;
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
                track(e, a, Slot.of(e, a, lengths[i]), exactStart[i], crossfade, warnings).ifPresent(audio::add);
            }
            List<Layer> layers = new ArrayList<>(byZ(sceneLayers));
            List<Layer> overlays = new ArrayList<>();
            for (int m = 0; m < movie.elements().size(); m++) {
                if (movie.elements().get(m) instanceof VisualElement v) {
                    layer(v, assets.of(v), movieSlots.get(m), start, frames, fps).ifPresent(overlays::add);
                }
            }
            layers.addAll(byZ(overlays));
            long head = i == 0 ? 0 : Math.max(0, endFrame[i - 1] - start);
            long tail = i + 1 < n ? Math.max(0, endFrame[i] - startFrame[i + 1]) : 0;
            ScenePlan.Blend blendIn = head > 0 ? new ScenePlan.Blend(scene.transition().style(), head) : null;
            // SPEC §4: a cache:false on the movie, the scene or any element in it renders the scene afresh.
            boolean cache = movie.cache() && scene.cache() && scene.elements().stream().allMatch(Element::cache)
                    && layers.stream().allMatch(l -> l.element().cache());
            plans.add(new ScenePlan(i, scene.id(), scene.where().toString(), start, frames, scene.background(), layers,
                    blendIn, tail, cache));
        }
        for (int m = 0; m < movie.elements().size(); m++) {
            Element e = movie.elements().get(m);
            track(e, assets.of(e), movieSlots.get(m), 0, null, warnings).ifPresent(audio::add);
        }
        return new RenderPlan(output(movie), plans, audio, movieFrames, warnings, movie.cache(), null);
    }

    /** What the movie's file will be: frame size, rate, quality, draft. */
    public static Output output(Movie movie) {
        return new Output(movie.resolution().width(), movie.resolution().height(), movie.fps(), movie.quality(),
                movie.draft());
    }

    /**
     * Each scene's transition length in seconds (0 for a cut). A transition on the first scene has nothing to
     * blend with and is ignored; one longer than half of either scene it joins is an error.
     */
    private static double[] transitions(List<Scene> scenes, double[] lengths, List<Problem> warnings)
            throws InvalidMovieException {
        double[] blends = new double[scenes.size()];
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            Transition t = scenes.get(i).transition();
            if (t == null) {
                continue;
            }
            if (i == 0) {
                warnings.add(Problem.warning(scenes.get(0).where().at("transition"), "the first scene has no scene "
                        + "before it to blend with: its transition is ignored"));
                continue;
            }
            double limit = Math.min(lengths[i - 1], lengths[i]) / 2;
            if (t.duration() > limit + 1e-9) {
                problems.add(Problem.error(scenes.get(i).where().key("transition").at("duration"), "a "
                        + seconds(t.duration()) + " s transition is longer than half of the scenes it joins ("
                        + seconds(lengths[i - 1]) + " s and " + seconds(lengths[i]) + " s); make it at most "
                        + seconds(limit) + " s"));
                continue;
            }
            blends[i] = t.duration();
        }
        if (!problems.isEmpty()) {
            throw new InvalidMovieException(problems);
        }
        return blends;
    }

    private static String seconds(double s) {
        return java.math.BigDecimal.valueOf(s).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
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
            AudioTrack.Crossfade crossfade, List<Problem> warnings) {
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
        return Optional.of(new AudioTrack(e.where().toString(), a, containerStart + slot.start(), slot.play(),
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
