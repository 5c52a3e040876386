package dev.moviola.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.Location;
import java.util.Optional;

/**
 * Resolves a scene's {@code import}: the author's scene it names by id, whose elements the importing scene adds
 * and renders in its own scope (docs/format.md#import).
 */
final class ImportDirective {
    /** A scene as the author wrote it, and where. */
    record Source(JsonNode scene, Location at) {
    }

    /** The author's scenes, not the expanded ones: ids are looked up as written, before iterate suffixes them. */
    private final JsonNode authorScenes;
    private final Substitution substitution;
    private final Problems problems;

    ImportDirective(JsonNode authorScenes, Substitution substitution, Problems problems) {
        this.authorScenes = authorScenes;
        this.substitution = substitution;
        this.problems = problems;
    }

    /** The scene {@code value} (the {@code import} of the scene at {@code at}) names; empty after a problem. */
    Optional<Source> resolve(JsonNode value, Scope scope, Location at) {
        JsonNode id = substitution.render(value, scope, at.key("import"), null, -1);
        if (!id.isTextual()) {
            problems.error(at.key("import"), "expected the id of another scene");
            return Optional.empty();
        }
        for (int i = 0; i < authorScenes.size(); i++) {
            JsonNode s = authorScenes.get(i);
            if (s.path("id").isTextual() && s.get("id").asText().equals(id.asText())) {
                return Optional.of(new Source(s, Location.of("scenes[" + i + "]")));
            }
        }
        problems.error(at.key("import"), "no scene has the id " + Values.quote(id.asText()));
        return Optional.empty();
    }
}
