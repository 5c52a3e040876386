package dev.moviola.job;

/**
 * What a scene or assembly task works on, as its db-scheduler instance id and data:
 * {@code jobId/attempt/part} ({@code jobId/attempt} for the assembly). The attempt tells a task left over from an
 * earlier start of the job (which then does nothing) from a current one.
 *
 * @param part the scene's index, {@link JobParts#SOUND}, or null for the assembly
 */
record TaskRef(String jobId, int attempt, Integer part) {

    static TaskRef parse(String text) {
        String[] f = text.split("/");
        if (f.length < 2 || f.length > 3) {
            throw new IllegalArgumentException("not a task reference: " + text);
        }
        return new TaskRef(f[0], Integer.parseInt(f[1]), f.length == 3 ? Integer.valueOf(f[2]) : null);
    }

    @Override
    public String toString() {
        return jobId + "/" + attempt + (part == null ? "" : "/" + part);
    }
}
