package dev.moviola.render;

/**
 * A scene could not be rendered. Names the scene (1-based index as people count, and its id) and the cause,
 * typically the line ffmpeg printed.
 */
public final class SceneRenderException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int sceneIndex;
    private final String sceneId;
    private final boolean timedOut;

    public SceneRenderException(int sceneIndex, String sceneId, String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.sceneIndex = sceneIndex;
        this.sceneId = sceneId;
        this.timedOut = timedOut;
    }

    /** 0-based index of the scene in the movie. */
    public int sceneIndex() {
        return sceneIndex;
    }

    public String sceneId() {
        return sceneId;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
