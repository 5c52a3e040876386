package dev.moviola.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.cache.CacheEntry;
import dev.moviola.cache.CacheStore;
import dev.moviola.cache.Fresh;
import dev.moviola.movie.Location;
import dev.moviola.movie.Problem;
import dev.moviola.plan.RenderPlan;
import dev.moviola.plan.ScenePlan;
import dev.moviola.render.Clip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The scene cache (docs/format.md#caching) for one plan: scene clips, the blended frames of transitions and the
 * mixed sound, each under its fingerprint. A view over the {@link CacheStore}: it only maps clips to entries and
 * back, and says whether each came from the cache. Stateless, so thread-safe.
 */
final class SceneCache {
    static final String SCENES = "scene";
    static final String TRANSITIONS = "transition";
    static final String SOUNDS = "sound";
    private static final String[] PARTS = {"head.mkv", "body.mp4", "tail.mkv"};

    /** Makes a clip (or another file) when the cache has none. */
    @FunctionalInterface
    interface Maker<T> {
        T make() throws Exception;
    }

    /** Something the cache supplied ({@code cached}) or that was made now. */
    record Got<T>(T value, boolean cached) {
    }

    private final CacheStore store;
    private final RenderPlan plan;

    SceneCache(CacheStore store, RenderPlan plan) {
        this.store = store;
        this.plan = plan;
    }

    /** Whether the scene's clip is in the cache now and the scene may use it (a hint: see CacheStore#contains). */
    boolean has(ScenePlan scene) {
        return scene.cache() && store.contains(SCENES, plan.fingerprints().scenes().get(scene.index()));
    }

    /** The scene's clip: the cached one when the scene may use it, else {@code render}'s (then stored). */
    Got<Clip> clip(ScenePlan scene, Path dir, Maker<Clip> render) throws Exception {
        String key = plan.fingerprints().scenes().get(scene.index());
        Path into = dir.resolve(String.format(Locale.ROOT, "scene_%03d.cached", scene.index()));
        CacheStore.Obtained got = store.obtain(SCENES, key, scene.cache(), into, cached -> {
            if (cached.isPresent()) {
                return Optional.empty();
            }
            Clip c = render.make();
            Map<String, Path> files = new LinkedHashMap<>();
            Path[] paths = {c.head(), c.body(), c.tail()};
            for (int i = 0; i < PARTS.length; i++) {
                if (paths[i] != null) {
                    files.put(PARTS[i], paths[i]);
                }
            }
            ObjectNode meta = JsonNodeFactory.instance.objectNode().put("frames", c.frames());
            meta.set("warnings", warnings(scene, c.warnings()));
            return Optional.of(Fresh.of(files, meta));
        });
        CacheEntry e = got.entry();
        return new Got<>(new Clip(scene.index(), e.files().get(PARTS[0]), e.files().get(PARTS[1]),
                e.files().get(PARTS[2]), e.meta().path("frames").asLong(), warnings(scene, e.meta().path("warnings"))),
                got.hit());
    }

    /** The blended frames into scene {@code k}, cached by both scenes' fingerprints. */
    Got<Path> transition(int k, Path dir, Maker<Path> blend) throws Exception {
        boolean reuse = plan.scenes().get(k - 1).cache() && plan.scenes().get(k).cache();
        CacheStore.Obtained got = store.obtain(TRANSITIONS, plan.fingerprints().transitions().get(k), reuse,
                dir.resolve(String.format(Locale.ROOT, "transition_%03d.cached", k)), cached -> cached.isPresent()
                        ? Optional.empty() : Optional.of(Fresh.of(Map.of("blend.mp4", blend.make()),
                                JsonNodeFactory.instance.objectNode())));
        return new Got<>(got.entry().file("blend.mp4"), got.hit());
    }

    /** The movie's mixed sound. */
    Got<Path> sound(Path dir, Maker<Path> mix) throws Exception {
        CacheStore.Obtained got = store.obtain(SOUNDS, plan.fingerprints().sound(), plan.reuseSound(),
                dir.resolve("sound.cached"), cached -> cached.isPresent()
                        ? Optional.empty() : Optional.of(Fresh.of(Map.of("sound.m4a", mix.make()),
                                JsonNodeFactory.instance.objectNode())));
        return new Got<>(got.entry().file("sound.m4a"), got.hit());
    }

    /**
     * Warnings as stored: relative to the layer they are about, because a cached clip may serve the same scene
     * at another place in another document, where its elements have other paths.
     */
    private static ArrayNode warnings(ScenePlan scene, List<Problem> warnings) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Problem p : warnings) {
            ObjectNode w = out.addObject().put("message", p.message()).put("path", p.path());
            for (int i = 0; i < scene.layers().size(); i++) {
                Location at = scene.layers().get(i).element().where();
                String note = at.note() == null ? "" : " (" + at.note() + ")";
                if (p.path().startsWith(at.path()) && p.path().endsWith(note)
                        && (p.path().length() == at.path().length() || ".[ ".indexOf(p.path().charAt(at.path().length())) >= 0)) {
                    w.put("layer", i).put("path", p.path().substring(at.path().length(), p.path().length() - note.length()));
                    break;
                }
            }
        }
        return out;
    }

    /** Stored warnings with paths for this scene's elements. */
    private static List<Problem> warnings(ScenePlan scene, JsonNode stored) {
        List<Problem> out = new ArrayList<>();
        for (JsonNode w : stored) {
            String path = w.path("path").asText();
            if (w.has("layer")) {
                Location at = scene.layers().get(w.get("layer").asInt()).element().where();
                path = new Location(at.path() + path, at.note()).toString();
            }
            out.add(Problem.warning(path, w.path("message").asText()));
        }
        return out;
    }
}
