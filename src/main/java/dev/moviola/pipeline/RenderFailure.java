package dev.moviola.pipeline;

/**
 * A render that could not finish, with the error code the API reports ({@code SCENE_RENDER_FAILED},
 * {@code RENDER_TIMEOUT}, {@code ASSET_FETCH_FAILED}, {@code ASSEMBLE_FAILED}) and a message for people.
 */
public final class RenderFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final Integer sceneIndex;
    private final String sceneId;

    public RenderFailure(String code, String message, Integer sceneIndex, String sceneId, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.sceneIndex = sceneIndex;
        this.sceneId = sceneId;
    }

    public String code() {
        return code;
    }

    /** 0-based index of the failing scene, or null when no scene is to blame. */
    public Integer sceneIndex() {
        return sceneIndex;
    }

    public String sceneId() {
        return sceneId;
    }
}
