package dev.moviola.cli;

import dev.moviola.cache.CacheStats;
import dev.moviola.cache.CacheStore;
import dev.moviola.config.Settings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moviola cache stats|clear}: what the cache holds, and emptying it. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Show or clear the cache of movies, scenes and downloaded sources (docs/format.md#caching).",
        subcommands = {CacheCommand.Stats.class, CacheCommand.Clear.class})
final class CacheCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static CacheStore store(Settings s) {
        return new CacheStore(s.cacheDir().resolve("store"), s.cacheMaxBytes());
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Entries and bytes in the cache, by kind.")
    static final class Stats implements Callable<Integer> {
        @Option(names = "--json", description = "print the figures as JSON")
        boolean json;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            CacheStats stats = store(common.settings()).stats();
            if (json) {
                System.out.println(Output.JSON.writeValueAsString(json(stats)));
            } else {
                System.out.print(text(stats, "holds"));
            }
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Delete every cache entry. Renders running meanwhile keep the files they already hold.")
    static final class Clear implements Callable<Integer> {
        @Option(names = "--json", description = "print what was removed as JSON")
        boolean json;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            CacheStats removed = store(common.settings()).clear();
            if (json) {
                System.out.println(Output.JSON.writeValueAsString(json(removed)));
            } else {
                System.out.print(text(removed, "was cleared of"));
            }
            return 0;
        }
    }

    static Map<String, Object> json(CacheStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", s.root().toString());
        m.put("maxBytes", s.maxBytes());
        m.put("entries", s.entries());
        m.put("bytes", s.bytes());
        Map<String, Object> kinds = new LinkedHashMap<>();
        s.namespaces().forEach((k, u) -> kinds.put(k, Map.of("entries", u.entries(), "bytes", u.bytes())));
        m.put("kinds", kinds);
        return m;
    }

    static String text(CacheStats s, String verb) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %s %d entries, %s (bound %s)%n", s.root(),
                verb, s.entries(), size(s.bytes()), size(s.maxBytes())));
        s.namespaces().forEach((k, u) -> b.append(String.format(Locale.ROOT, "  %-11s %6d  %10s%n", k, u.entries(),
                size(u.bytes()))));
        return b.toString();
    }

    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
