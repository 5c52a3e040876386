package dev.moviola.pipeline;

import dev.moviola.asset.AssetException;
import dev.moviola.movie.Problem;
import java.util.List;

/**
 * A render that could not finish, with the code the API reports ({@link FailureCode}) and a message for people;
 * a scene's failure names the scene.
 */
public final class RenderFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final FailureCode code;
    private final Integer sceneIndex;
    private final String sceneId;

    public RenderFailure(FailureCode code, String message, Integer sceneIndex, String sceneId, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.sceneIndex = sceneIndex;
        this.sceneId = sceneId;
    }

    /** A failure that no scene is to blame for. */
    public RenderFailure(FailureCode code, String message, Throwable cause) {
        this(code, message, null, null, cause);
    }

    /** The code as the API writes it ({@code SCENE_RENDER_FAILED}, …). */
    public String code() {
        return code.name();
    }

    public FailureCode failure() {
        return code;
    }

    /** 0-based index of the failing scene, or null when no scene is to blame. */
    public Integer sceneIndex() {
        return sceneIndex;
    }

    public String sceneId() {
        return sceneId;
    }

    /**
     * Each source that could not be fetched or decoded, at its element's JSON path, with the reason and the source
     * as written; empty when the failure is not about sources.
     */
    public List<Problem> sourceProblems() {
        List<AssetException> sources = getCause() instanceof AssetException a ? a.all() : List.of();
        return sources.stream().map(a -> Problem.error(a.elementPath(), a.reason() + " (\"" + a.source() + "\")")).toList();
    }
}
