package dev.moviola.job;

import java.util.Locale;

/** Where a job stands (docs/service.md#a-job): the words the API reports. */
public enum JobStatus {
    QUEUED, RUNNING, WAITING, DONE, FAILED, CANCELLED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    public static JobStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
