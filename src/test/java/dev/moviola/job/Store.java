package dev.moviola.job;

import dev.moviola.cluster.LocalPostgres;
import dev.moviola.config.DatabaseUrl;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The databases a job store test runs on: the embedded SQLite of a data directory, and a fresh database on the
 * test PostgreSQL server ({@link LocalPostgres#shared()}; the test is skipped, saying what to install, when
 * PostgreSQL is missing).
 */
enum Store {
    SQLITE {
        @Override
        Database open(Path dir, int connections) throws IOException {
            return Database.open(dir, connections);
        }
    },
    POSTGRES {
        @Override
        Database open(Path dir, int connections) throws IOException {
            return Database.open(DatabaseUrl.parse(LocalPostgres.shared().createDatabase()), connections);
        }
    };

    /** A new, empty, migrated job database (SQLite: in {@code dir}). */
    abstract Database open(Path dir, int connections) throws IOException;
}
