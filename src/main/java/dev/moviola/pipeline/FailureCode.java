package dev.moviola.pipeline;

/** Why a render (a job) did not finish, as the API and the CLI's JSON report it. */
public enum FailureCode {
    /** The document is not a valid movie (found before anything was fetched or rendered). */
    INVALID_MOVIE,
    /** A source could not be fetched or decoded. */
    ASSET_FETCH_FAILED,
    /** A scene (or a transition into it) failed to render. */
    SCENE_RENDER_FAILED,
    /** A scene, the sound or the assembly ran past its time or CPU limit. */
    RENDER_TIMEOUT,
    /** Joining, mixing or storing the movie failed. */
    ASSEMBLE_FAILED,
    /** Stopped by request. */
    CANCELLED
}
