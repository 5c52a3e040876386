package dev.moviola.plan;

import dev.moviola.asset.Asset;
import dev.moviola.movie.Element;
import dev.moviola.movie.Fps;
import dev.moviola.movie.Movie;
import dev.moviola.movie.Scene;
import dev.moviola.movie.Transition;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The movie's timeline by the rules of docs/format.md#timeline: how long each scene lasts, where it starts on
 * the exact time line and on the frame grid, how long the movie is, and where each element sits in its
 * container. The one solver both the planner and the timing variables ({@code {{ intro_end }}}) ask, so they can
 * never disagree.
 *
 * <p>Lazy: a scene's length is worked out when first asked, from its elements as {@link Inputs} gives them, so
 * timing variables can be resolved while it is being worked out; asking for a length that is being worked out is a
 * {@link Cycle}. Not thread-safe: one timeline serves one planning.
 */
final class Timeline {
    /** Length of a scene that has nothing with a length of its own. */
    static final double DEFAULT_SCENE_LENGTH = 5;

    /** What the timeline is made of, as far as it is known. */
    interface Inputs {
        /** The scene's {@code duration} (seconds, or -1 for "as long as its timed elements"). */
        double sceneDuration(int scene);

        /** The element with its timing known. */
        Element resolved(Element e);

        /** The source that gives the element its own length, or null. */
        Asset asset(Element e);
    }

    /** A length that depends on itself, through timing variables. */
    static final class Cycle extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String through;

        Cycle(String through) {
            super("the timing variables form a cycle through " + through, null, false, false);
            this.through = through;
        }

        String through() {
            return through;
        }
    }

    private final Movie movie;
    private final Inputs inputs;
    private final Double[] lengths;
    private final Set<Integer> working = new LinkedHashSet<>();
    private final Map<Element, Slot> slots = new IdentityHashMap<>();
    private long[] startFrame;
    private long[] endFrame;

    Timeline(Movie movie, Inputs inputs) {
        this.movie = movie;
        this.inputs = inputs;
        this.lengths = new Double[movie.scenes().size()];
    }

    /** The timeline of a movie whose elements are all known (the planner's). */
    static Timeline of(Movie movie, java.util.function.Function<Element, Asset> assets) {
        return new Timeline(movie, new Inputs() {
            @Override
            public double sceneDuration(int scene) {
                return movie.scenes().get(scene).duration();
            }

            @Override
            public Element resolved(Element e) {
                return e;
            }

            @Override
            public Asset asset(Element e) {
                return assets.apply(e);
            }
        });
    }

    int scenes() {
        return lengths.length;
    }

    /** Seconds the scene lasts: its own duration, or the latest end among its elements that have a length of their own, or 5 s. */
    double sceneLength(int i) {
        if (lengths[i] != null) {
            return lengths[i];
        }
        if (!working.add(i)) {
            throw new Cycle("the length of " + movie.scenes().get(i).where());
        }
        try {
            double duration = inputs.sceneDuration(i);
            if (duration <= 0) {
                double end = 0;
                boolean any = false;
                for (Element e : movie.scenes().get(i).elements()) {
                    Element r = inputs.resolved(e);
                    if (Slot.hasOwnLength(r, inputs.asset(r))) {
                        end = Math.max(end, slot(e, i).end());
                        any = true;
                    }
                }
                duration = any && end > 0 ? end : DEFAULT_SCENE_LENGTH;
            }
            lengths[i] = duration;
            return duration;
        } finally {
            working.remove(i);
        }
    }

    /**
     * Seconds scene {@code i} overlaps the one before it: its transition's duration, 0 for a cut and for the first
     * scene (which has nothing to blend with). The planner refuses transitions longer than half a scene.
     */
    double transition(int i) {
        Transition t = movie.scenes().get(i).transition();
        return i == 0 || t == null ? 0 : t.duration();
    }

    /** Exact movie seconds at which scene {@code i} starts: the lengths before it, minus the transitions into it and them. */
    double sceneStart(int i) {
        double start = 0;
        for (int k = 1; k <= i; k++) {
            start += sceneLength(k - 1) - transition(k);
        }
        return start;
    }

    /** Movie frame at which scene {@code i} starts on the frame grid. */
    long startFrame(int i) {
        grid();
        return startFrame[i];
    }

    /** Movie frame after scene {@code i}'s last. */
    long endFrame(int i) {
        grid();
        return endFrame[i];
    }

    /** The movie's length in frames. */
    long frames() {
        return scenes() == 0 ? 0 : endFrame(scenes() - 1);
    }

    /** The movie's length in seconds, on the frame grid: the container of movie-level elements. */
    double movieLength() {
        return movie.fps().timeOf(frames());
    }

    /** The movie's length in exact seconds. */
    double exactLength() {
        int n = scenes();
        return n == 0 ? 0 : sceneStart(n - 1) + sceneLength(n - 1);
    }

    /**
     * Where an element sits in its container, in the container's seconds.
     *
     * @param scene the element's scene, or -1 for a movie-level element
     */
    Slot slot(Element e, int scene) {
        Slot known = slots.get(e);
        if (known != null) {
            return known;
        }
        Element r = inputs.resolved(e);
        Asset a = inputs.asset(r);
        boolean needsContainer = r.timing().fitsContainer() || (r.timing().isAuto() && !Slot.hasOwnLength(r, a));
        double container = !needsContainer ? Double.POSITIVE_INFINITY : scene < 0 ? movieLength() : sceneLength(scene);
        Slot s = Slot.of(r, a, container);
        slots.put(e, s);
        return s;
    }

    /**
     * Scene boundaries on the frame grid, from the exact running starts, so rounding never accumulates: every scene
     * starts within half a frame of where the document says, whatever the number of scenes.
     */
    private void grid() {
        if (startFrame != null) {
            return;
        }
        Fps fps = movie.fps();
        int n = scenes();
        long[] start = new long[n];
        long[] end = new long[n];
        double exact = 0;
        for (int i = 0; i < n; i++) {
            exact += i == 0 ? 0 : sceneLength(i - 1) - transition(i);
            start[i] = i == 0 ? 0 : Math.max(start[i - 1] + 1, fps.frameAt(exact));
            end[i] = Math.max(start[i] + 1, fps.frameAt(exact + sceneLength(i)));
            if (i > 0 && transition(i) == 0) {
                start[i] = end[i - 1];
                end[i] = Math.max(start[i] + 1, end[i]);
            }
        }
        startFrame = start;
        endFrame = end;
    }

    /** The movie's scenes, for the planner's loops. */
    Scene scene(int i) {
        return movie.scenes().get(i);
    }
}
