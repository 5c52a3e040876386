package dev.moviola.job;

import java.util.List;

/** How a job's tasks start the next ones and tell the engine what happened (implemented by {@link JobEngine}). */
interface Dispatch extends JobEvents {
    /** Schedules a task for each of these parts of the job (scenes, the sound). */
    void parts(String jobId, int attempt, List<Integer> parts);

    /** Schedules the job's assembly: its parts are all done. */
    void assemble(String jobId, int attempt);

    /** Stops the job's other tasks running here (it has failed): their ffmpeg processes are killed. */
    void halt(String jobId);
}
