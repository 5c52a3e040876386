package dev.moviola.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.config.Settings;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Problem;
import dev.moviola.plan.AudioTrack;
import dev.moviola.plan.Layer;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.testing.Bounded;
import dev.moviola.testing.FuzzSeeds;
import dev.moviola.testing.JsonPaths;
import dev.moviola.testing.MovieMutator;
import dev.moviola.testing.Renders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.moviola.testing.Slow;

/**
 * Ten thousand mutated movies (see {@link MovieMutator}) through reading, templating, validation and planning
 * ({@link OfflinePlanning}: no network, files or ffmpeg). Each must be planned or refused with
 * {@link InvalidMovieException} whose problems point into the document and say what is wrong in plain words —
 * never another exception — within a few seconds and without ballooning memory.
 *
 * <p>Reproducible: {@code -Dmoviola.fuzz.seed=N} changes the run, {@code -Dmoviola.fuzz.only=G} runs the one
 * document of generator seed G that a failure names.
 */
@Slow
class MovieFuzzTest {
    static final long SEED = Long.getLong("moviola.fuzz.seed", 0x5EED_2025L);
    static final int DOCUMENTS = Integer.getInteger("moviola.fuzz.documents", 10_000);
    static final Duration PER_DOCUMENT = Duration.ofSeconds(5);
    /** A movie document is at most 5 MiB; reading one may cost a few times that, not hundreds of megabytes. */
    static final long MAX_ALLOCATED = 200L << 20;
    static final int MAX_MESSAGE = 1000;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    enum Kind { PLANNED, VALID, INVALID }

    record Outcome(Kind kind, List<Problem> errors) {
    }

    @Test
    void theSeedsAreValidMovies() throws Exception {
        Settings settings = Renders.settings(dir);
        for (Map.Entry<String, JsonNode> seed : FuzzSeeds.all().entrySet()) {
            Outcome o = outcome(seed.getValue().toString(), settings);
            assertThat(o.kind()).as(seed.getKey() + ": " + o.errors()).isEqualTo(Kind.PLANNED);
        }
    }

    @Test
    void everyMutatedMovieIsPlannedOrRefusedWithPathsAndMessages() throws Exception {
        Settings settings = Renders.settings(dir);
        List<Map.Entry<String, JsonNode>> seeds = new ArrayList<>(FuzzSeeds.all().entrySet());
        long baseline = usedHeapAfterGc();
        Long only = Long.getLong("moviola.fuzz.only");
        Random master = new Random(SEED);
        int[] kinds = new int[Kind.values().length];
        Map<String, List<String>> failures = new java.util.LinkedHashMap<>(); // by kind of failure
        try (Bounded bounded = new Bounded(PER_DOCUMENT)) {
            for (int i = 0; i < (only == null ? DOCUMENTS : 1); i++) {
                long generator = only == null ? master.nextLong() : only;
                Random random = new Random(generator);
                Map.Entry<String, JsonNode> seed = seeds.get(random.nextInt(seeds.size()));
                String json = new MovieMutator(random).mutate(seed.getValue());
                Bounded.Result<Outcome> r = bounded.run(() -> outcome(json, settings));
                String failure = failure(r, json, settings);
                if (failure == null) {
                    kinds[r.value().kind().ordinal()]++;
                } else {
                    List<String> same = failures.computeIfAbsent(kindOf(failure), k -> new ArrayList<>());
                    if (same.isEmpty()) {
                        same.add(report(generator, seed.getKey(), json, failure));
                    }
                    same.add("");
                }
            }
        }
        System.out.printf("%d documents (seed %d): %d planned, %d valid, %d refused, %d failed%n", DOCUMENTS, SEED,
                kinds[0], kinds[1], kinds[2], failures.values().stream().mapToInt(l -> l.size() - 1).sum());
        assertThat(failures.values()).as("failures by kind, with the first example of each (run seed %d)", SEED)
                .map(l -> (l.size() - 1) + " × " + l.get(0)).isEmpty();
        if (only == null) {
            assertThat(kinds[Kind.PLANNED.ordinal()]).as("documents that got as far as a plan: %s", List.of(kinds[0],
                    kinds[1], kinds[2])).isGreaterThan(DOCUMENTS / 10);
            assertThat(kinds[Kind.INVALID.ordinal()]).isGreaterThan(DOCUMENTS / 3);
        }
        assertThat(usedHeapAfterGc() - baseline).as("heap kept after the run").isLessThan(64L << 20);
    }

    /** Reads, validates and plans one document: what a render does before it fetches anything. */
    static Outcome outcome(String json, Settings settings) throws Exception {
        Document d;
        try {
            d = Pipeline.read(json, settings);
        } catch (InvalidMovieException e) {
            return new Outcome(Kind.INVALID, e.errors());
        }
        try {
            Optional<RenderPlan> plan = OfflinePlanning.plan(d, settings.limits());
            plan.ifPresent(p -> checkPlan(p, settings));
            return new Outcome(plan.isPresent() ? Kind.PLANNED : Kind.VALID, List.of());
        } catch (InvalidMovieException e) {
            return new Outcome(Kind.INVALID, e.errors());
        }
    }

    /** A plan ffmpeg can run: whole frames inside each scene, finite times, a size within the limits. */
    static void checkPlan(RenderPlan p, Settings settings) {
        assertThat(p.frames()).isPositive();
        assertThat(p.duration()).isLessThanOrEqualTo(settings.limits().maxDuration() + 1);
        assertThat(p.output().width() * (long) p.output().height()).isLessThanOrEqualTo(settings.limits().maxPixels());
        assertThat(p.output().width() % 2 + p.output().height() % 2).isZero();
        for (ScenePlan s : p.scenes()) {
            assertThat(s.frames()).as(s.path()).isPositive();
            for (Layer l : s.layers()) {
                assertThat(l.fromFrame()).as(s.path()).isBetween(0L, l.toFrame() - 1);
                assertThat(l.toFrame()).as(s.path()).isLessThanOrEqualTo(s.frames());
                assertThat(Double.isFinite(l.play()) && Double.isFinite(l.slot())).as(s.path()).isTrue();
            }
        }
        for (AudioTrack a : p.audio()) {
            assertThat(List.of(a.start(), a.play(), a.seek(), a.gain(), a.fadeIn(), a.fadeOut()))
                    .as(a.source()).allSatisfy(v -> assertThat(Double.isFinite(v) && v >= 0).isTrue());
        }
    }

    /** What is wrong with how a document was handled, or null. */
    static String failure(Bounded.Result<Outcome> r, String json, Settings settings) {
        if (r.timedOut()) {
            return "took longer than " + PER_DOCUMENT.toSeconds() + " s";
        }
        if (r.thrown() != null) {
            return "threw " + stackTrace(r.thrown());
        }
        if (r.allocatedBytes() > MAX_ALLOCATED) {
            return "allocated " + (r.allocatedBytes() >> 20) + " MiB";
        }
        if (r.value().kind() != Kind.INVALID) {
            return null;
        }
        if (r.value().errors().isEmpty()) {
            return "refused without an error";
        }
        JsonNode doc = parsed(json);
        for (Problem p : r.value().errors()) {
            String wrong = p.message() == null || p.message().isBlank() ? "no message"
                    : p.message().length() > MAX_MESSAGE ? "a message of " + p.message().length() + " characters"
                    : aboutTheCode(p.message(), json) ? "a message about the code, not the document"
                    : p.path() == null ? "no path"
                    : doc == null ? (p.path().isEmpty() ? null : "a path into a document that is not JSON")
                    : JsonPaths.problemWith(doc, p.path());
            if (wrong != null) {
                return wrong + ": " + abbreviate(p.toString(), 300);
            }
        }
        return null;
    }

    /** A failure without its particulars: numbers, quoted text and the path's indexes removed. */
    static String kindOf(String failure) {
        String first = failure.lines().findFirst().orElse("");
        return abbreviate(first.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d+", "N"), 120);
    }

    /** Names of Java things in a message, unless the document itself wrote them. */
    static boolean aboutTheCode(String message, String json) {
        return CODE_WORDS.stream().anyMatch(w -> message.contains(w) && !json.contains(w));
    }

    static final List<String> CODE_WORDS = List.of("java.", "dev.moviola", "com.fasterxml", "org.apache", "Exception",
            "StreamReadConstraints", "jexl", "JEXL");

    private static JsonNode parsed(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    private String report(long generator, String seed, String json, String failure) throws Exception {
        Path saved = Files.createDirectories(Path.of("target", "fuzz")).resolve("movie-" + generator + ".json");
        Files.write(saved, json.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // lone surrogates become "?"
        return "document of generator seed " + generator + " (from " + seed + ", -Dmoviola.fuzz.only=" + generator
                + ", saved as " + saved + ") " + failure + "\n  document: " + abbreviate(json, 300);
    }

    private static String stackTrace(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(12, st.length); i++) {
            sb.append("\n    at ").append(st[i]);
        }
        return sb.toString();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + s.length() + " characters)";
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
