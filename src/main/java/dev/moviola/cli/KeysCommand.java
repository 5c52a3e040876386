package dev.moviola.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.api.ApiKeys;
import dev.moviola.config.ServiceSettings;
import dev.moviola.job.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code moviola keys create|list|revoke}: the service's API keys, in the job database of a data directory — also
 * while {@code moviola serve} runs on it (see {@link Database#openShared}); the server reads keys at every request,
 * so a new key works and a revoked one is refused at once.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke the API keys of the service"
        + " (the x-api-key header), also while moviola serve runs on the same data directory: a new key is accepted,"
        + " a revoked one refused, from the next request on.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What the three commands share: the data directory, opening its database, errors as one line and exit 1. */
    abstract static class KeyCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "the server's data directory (default: $MOVIOLA_DATA_DIR, else ./moviola-data)")
        Path dataDir;

        @Option(names = "--database-url", paramLabel = "URL", description = "the cluster's PostgreSQL database, as the servers'"
                + " (default: $MOVIOLA_DATABASE_URL; else the data directory's)")
        String databaseUrl;

        @Option(names = "--config", paramLabel = "FILE", description = "a properties file with settings, data-dir among them (default: $MOVIOLA_CONFIG)")
        Path config;

        /** @param where the keys' database as messages name it: the data directory, or the cluster's database */
        abstract int run(ApiKeys keys, String where, PrintWriter out, PrintWriter err) throws SQLException;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // no pool start-up lines
            String where = null;
            try {
                Map<String, String> flags = new HashMap<>();
                Optional.ofNullable(dataDir).ifPresent(d -> flags.put("data-dir", d.toString()));
                Optional.ofNullable(config).ifPresent(c -> flags.put("config", c.toString()));
                Optional.ofNullable(databaseUrl).ifPresent(u -> flags.put("database-url", u));
                ServiceSettings service = ServiceSettings.load(flags, System.getenv());
                Path dir = service.dataDir();
                if (service.databaseUrl().isPresent()) {
                    where = "the database " + service.databaseUrl().get(); // never the password
                    try (Database db = Database.open(service.databaseUrl().get(), 1)) {
                        return run(new ApiKeys(db.dataSource()), where, out, err);
                    }
                }
                where = dir.toAbsolutePath().toString();
                try (Database db = Database.openShared(dir)) {
                    return run(new ApiKeys(db.dataSource()), where, out, err);
                }
            } catch (IOException | IllegalArgumentException e) {
                err.println("moviola keys " + spec.name() + ": " + e.getMessage());
                return 1;
            } catch (SQLException e) {
                err.println("moviola keys " + spec.name() + ": the job database in " + where + " failed: " + e.getMessage());
                return 1;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {
            "Create an API key and print it, once: only its SHA-256 hash is stored. Prints its id too (for revoke)."})
    static final class Create extends KeyCommand {
        @Option(names = "--label", paramLabel = "TEXT", description = "what the key is for, shown by list (e.g. a client's name)")
        String label = "";

        @Option(names = "--json", description = "print {id, label, key} as JSON")
        boolean json;

        @Override
        int run(ApiKeys keys, String where, PrintWriter out, PrintWriter err) throws SQLException {
            ApiKeys.Created k = keys.create(label.strip());
            if (json) {
                out.println(Output.JSON.createObjectNode().put("id", k.id()).put("label", label.strip()).put("key", k.key()).toPrettyString());
                return 0;
            }
            out.println("id:    " + k.id());
            out.println("label: " + label.strip());
            out.println("key:   " + k.key());
            err.println("The key is shown this once (only its hash is kept): store it now, and send it as the x-api-key"
                    + " header. Every server using " + where + " accepts it from now on.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {
            "List the API keys: id, label, when created, when revoked. Never the keys themselves (they are not stored)."})
    static final class ListKeys extends KeyCommand {
        @Option(names = "--json", description = "print the keys as JSON: [{id, label, createdAt, revokedAt}]")
        boolean json;

        @Override
        int run(ApiKeys keys, String where, PrintWriter out, PrintWriter err) throws SQLException {
            List<ApiKeys.Info> all = keys.list();
            if (json) {
                ArrayNode array = Output.JSON.createArrayNode();
                for (ApiKeys.Info k : all) {
                    ObjectNode o = array.addObject().put("id", k.id()).put("label", k.label()).put("createdAt", k.createdAt().toString());
                    o.put("revokedAt", k.revoked() ? k.revokedAt().toString() : null);
                }
                out.println(array.toPrettyString());
                return 0;
            }
            if (all.isEmpty()) {
                out.println("No API keys in " + where + ".");
                return 0;
            }
            int width = Math.max("LABEL".length(), all.stream().mapToInt(k -> k.label().length()).max().orElse(0));
            String row = "%-17s  %-" + width + "s  %-20s  %s%n";
            out.printf(Locale.ROOT, row, "ID", "LABEL", "CREATED", "REVOKED");
            for (ApiKeys.Info k : all) {
                out.printf(Locale.ROOT, row, k.id(), k.label(), time(k.createdAt()), k.revoked() ? time(k.revokedAt()) : "-");
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = {
            "Revoke an API key: the server refuses it (401) from the next request on. Its jobs and outputs stay."})
    static final class Revoke extends KeyCommand {
        @Parameters(paramLabel = "ID", description = "the key's id, as create and list print it (key_…)")
        String id;

        @Override
        int run(ApiKeys keys, String where, PrintWriter out, PrintWriter err) throws SQLException {
            String wanted = id.strip();
            Optional<ApiKeys.Info> key = keys.list().stream().filter(k -> k.id().equals(wanted)).findFirst();
            if (key.isEmpty()) {
                err.println("moviola keys revoke: there is no API key " + wanted + " in " + where
                        + "; moviola keys list shows the keys");
                return 1;
            }
            if (key.get().revoked() || !keys.revoke(wanted)) {
                out.println(wanted + " was revoked already.");
                return 0;
            }
            out.println("Revoked " + wanted + (key.get().label().isEmpty() ? "" : " (" + key.get().label() + ")")
                    + ": requests with it are refused from now on.");
            return 0;
        }
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
