package dev.moviola.job;

/** Hears what happens to jobs, for callbacks and webhooks. Called on the worker's thread; must not block long. */
interface JobEvents {

    /** The job moved on (throttled by the caller). */
    default void progressed(Job job) {
    }

    /** The job finished: done, failed or cancelled. Called once per job, by whoever finished it. */
    default void finished(Job job) {
    }
}
