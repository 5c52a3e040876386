package dev.moviola.job;

import java.util.List;

/** What a job's watchers are sent when it moves on; the API decides (callback URL, movie exports, payloads). */
public interface Notices {
    Notices NONE = new Notices() {
        @Override
        public List<Notice> progressed(Job job) {
            return List.of();
        }

        @Override
        public List<Notice> finished(Job job) {
            return List.of();
        }
    };

    /** Messages about a job's progress (asked at most every 5 s while it runs). */
    List<Notice> progressed(Job job);

    /** Messages about a job that finished: done, failed or cancelled (asked once per job). */
    List<Notice> finished(Job job);
}
