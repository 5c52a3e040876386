package dev.moviola;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moviola.cli.Main;
import dev.moviola.ffmpeg.MediaInfo;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.Slow;
import dev.moviola.testing.TestFfmpeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and docs/ as a reader follows them: every relative link and {@code #anchor} leads somewhere, the
 * README's first two commands are the ones CI runs and they work as written, the source code's pointers into the
 * docs name sections that exist, and the tour scripts (docs/tour/) whose transcripts the docs quote still run.
 */
class DocsLinksTest {
    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    /** {@code [text](target)}; images too. The target stops at a space (a title) or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    /** A pointer from Java code into the docs: {@code docs/service.md#callbacks-and-webhooks}. */
    private static final Pattern CODE_POINTER = Pattern.compile("docs/([a-z0-9-]+\\.md)(#[a-z0-9-]+)?");

    @TempDir
    Path dir;

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (String target : links(page)) {
                if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                    continue; // https:, mailto: — outside the repository
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent() == null ? Path.of(file) : page.getParent().resolve(file);
                resolved = resolved.normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no file " + resolved + ")");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no heading with anchor #" + target.substring(hash + 1) + " in " + resolved + ")");
                }
            }
        }
        assertThat(checked).as("relative links checked").isGreaterThan(50);
        assertThat(broken).as("links in README.md and docs/*.md that lead nowhere").isEmpty();
    }

    @Test
    void everyPageIsLinkedFromTheReadme() throws IOException {
        Set<String> linked = new LinkedHashSet<>(links(README));
        for (Path page : pages()) {
            if (!page.equals(README)) {
                assertThat(linked).as("README.md links " + page).anyMatch(l -> l.startsWith(page.toString().replace('\\', '/')));
            }
        }
    }

    @Test
    void readmeStartsWithTheCommandsCiRuns() throws IOException {
        List<String> commands = readmeCommands();
        assertThat(commands).as("the README's first code block: the render command and the test command").hasSize(2);
        String ci = Files.readString(Path.of(".ci/run"));
        List<String> ciCommands = ci.lines().map(String::trim).filter(l -> l.startsWith("mvn ")).toList();
        assertThat(ciCommands).as(".ci/run runs the README's test command").containsExactly(commands.get(1));

        List<String> render = List.of(commands.get(0).split(" +"));
        assertThat(render.subList(0, 2)).containsExactly("./moviola", "render");
        assertThat(Path.of("moviola")).isExecutable();
        assertThat(Path.of(render.get(2))).as("the movie the README renders").isRegularFile();
        String tour = Files.readString(DOCS.resolve("tour/render.sh"));
        assertThat(tour).as("docs/tour/render.sh runs the README's render command as written")
                .contains("show '" + commands.get(0) + "'");
    }

    /** The README's render command, run in this JVM as written (only the output lands in a scratch directory). */
    @Test
    @Slow
    void readmeRenderCommandRendersTheExample() throws IOException {
        List<String> args = new ArrayList<>(List.of(readmeCommands().get(0).split(" +")));
        args.remove(0); // ./moviola
        int o = args.indexOf("-o");
        args.set(o + 1, dir.resolve(args.get(o + 1)).toString());
        args.addAll(List.of("--ffmpeg", TestFfmpeg.installation().ffmpeg().toString(), "--cache-dir", dir.resolve("cache").toString(),
                "--work-dir", dir.resolve("work").toString(), "--no-progress"));
        assertThat(Main.run(args.toArray(String[]::new))).as("exit code of " + args).isZero();
        MediaInfo movie = Decoded.probe(Path.of(args.get(o + 1)));
        assertThat(movie.width()).isEqualTo(1280);
        assertThat(movie.height()).isEqualTo(720);
        assertThat(movie.duration()).isBetween(10.3, 10.5);
        assertThat(movie.hasAudio()).isTrue();
    }

    /** docs/configuration.md has a row for every setting the code reads, with its environment variable. */
    @Test
    void configurationNamesEverySetting() throws IOException {
        String page = Files.readString(DOCS.resolve("configuration.md"));
        List<String> keys = Stream.of(dev.moviola.config.Settings.KEYS, dev.moviola.config.ProviderSettings.KEYS,
                dev.moviola.config.ImageSettings.KEYS, dev.moviola.config.ServiceSettings.KEYS).flatMap(List::stream).toList();
        assertThat(keys).hasSizeGreaterThan(50);
        for (String key : keys) {
            String env = "MOVIOLA_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
            assertThat(page).as("docs/configuration.md has a row for the setting " + key).contains("\n| `" + key + "` |");
            assertThat(page).as("docs/configuration.md names " + env).contains("`" + env + "`");
        }
    }

    @Test
    void codePointsAtDocSectionsThatExist() throws IOException {
        List<String> stale = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path java : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(java);
                    if (java.endsWith("DocsLinksTest.java")) {
                        continue;
                    }
                    if (text.contains("README:") || text.contains("README \"") || text.contains("README's \"")
                            || text.contains("SPEC §") || text.contains("SPEC.md") || text.contains("ARCHITECTURE.md")) {
                        stale.add(java + ": points at a README section or at SPEC; point at the section's docs/ page");
                    }
                    Matcher m = CODE_POINTER.matcher(text);
                    while (m.find()) {
                        Path page = DOCS.resolve(m.group(1));
                        if (!Files.exists(page)) {
                            stale.add(java + ": " + m.group() + " (no such page)");
                        } else if (m.group(2) != null && !anchors(page).contains(m.group(2).substring(1))) {
                            stale.add(java + ": " + m.group() + " (no such section)");
                        }
                    }
                }
            }
        }
        for (Path page : pages()) {
            if (Files.readString(page).contains("SPEC") || Files.readString(page).contains("ARCHITECTURE.md")) {
                stale.add(page + ": mentions SPEC or ARCHITECTURE.md, which are not in the repository");
            }
        }
        assertThat(stale).isEmpty();
    }

    /** The blocks that quote the tour (docs/tour/paste.py) are filled, and begin and end with the commands they name. */
    @Test
    void quotedTourBlocksAreFilled() throws IOException {
        int blocks = 0;
        for (Path page : pages()) {
            for (Quote q : quotes(page)) {
                blocks++;
                List<String> commands = q.commands();
                assertThat(commands).as(page + ": the block after " + q.marker() + " (run docs/tour/paste.py)").isNotEmpty();
                assertThat(commands.get(0)).as(page + ": " + q.marker()).startsWith(q.first());
                assertThat(commands.get(commands.size() - 1)).as(page + ": " + q.marker()).startsWith(q.last() == null ? q.first() : q.last());
            }
        }
        assertThat(blocks).as("blocks quoting the tour").isGreaterThan(15);
    }

    /** The tour as the docs show it: the scripts run to the end, and what they print holds what the docs quote. */
    @Test
    @Slow
    void tourScriptsRun() throws Exception {
        for (String tool : List.of("bash", "curl", "jq", "openssl", "mvn")) {
            assumeTrue(onPath(tool), tool + " is not installed; the tour scripts use it");
        }
        String render = runScript("docs/tour/render.sh", dir.resolve("render"));
        assertThat(render).contains("$ " + readmeCommands().get(0) + "\n").containsPattern("\nRendered .*/out\\.mp4: 10\\.40 s, 1280x720")
                .contains("movie  1280x720, 25 fps, quality high, 10.400 s (260 frames), 4 scenes")
                .contains("\"movie\": \"miss\"").contains("{\"movie\":\"hit\"")
                .contains("The movie is invalid (2 problems):").contains("exit code 2")
                .contains("\"text\" : \"Hello, Moviola: two of 2\"");
        String serve = runScript("docs/tour/serve.sh", dir.resolve("serve"));
        assertThat(serve).contains("Moviola is listening on http://127.0.0.1:")
                .contains("event: done")
                .contains("\"status\": \"done\"")
                .contains("\"listing\": \"L-4821\"")
                .contains("HTTP/1.1 206 Partial Content")
                .contains("\"id\": \"listing-4821\"")
                .contains("\"code\": \"INVALID_MOVIE\"")
                .contains("HTTP/1.1 401 Unauthorized")
                .contains("\"code\": \"ASSET_FETCH_FAILED\"")
                .contains("\"callback\": \"refused: 127.0.0.1 is a loopback address");
        // the callback's signature, recomputed by openssl, is the one the receiver got
        List<String> lines = serve.lines().toList();
        int check = lines.indexOf(lines.stream().filter(l -> l.startsWith("$ printf \"%s.%s\"")).findFirst().orElseThrow());
        assertThat(lines.get(check + 1)).matches("[0-9a-f]{64}").isEqualTo(lines.get(check + 2));
        // every delivery the job lists was delivered
        assertThat(serve).contains("\"kind\": \"callback\"").doesNotContain("\"status\": \"pending\"");
        // the commands the docs quote are the scripts' own, in the scripts' order (ports and ids aside)
        for (Path page : pages()) {
            for (Quote q : quotes(page)) {
                List<String> ran = commandsOf(q.script().equals("render.sh") ? render : serve);
                List<String> quoted = q.commands().stream().map(DocsLinksTest::normalised).toList();
                int at = java.util.Collections.indexOfSubList(ran, quoted);
                assertThat(at).as(page + ": " + q.marker() + " quotes commands the script ran, in its order: " + quoted).isNotNegative();
            }
        }
    }

    /** A block quoting the tour: {@code <!-- tour SCRIPT: FIRST .. LAST -->} and the code block after it. */
    record Quote(String marker, String script, String first, String last, List<String> lines) {
        List<String> commands() {
            return lines.stream().filter(l -> l.startsWith("$ ")).map(l -> l.substring(2)).toList();
        }
    }

    private static final Pattern QUOTE = Pattern.compile("^<!-- tour ([a-z-]+\\.sh): (.+?)(?: \\.\\. (.+?))? -->$");

    private static List<Quote> quotes(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Quote> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = QUOTE.matcher(lines.get(i));
            if (m.matches()) {
                assertThat(lines.get(i + 1)).as(page + " line " + (i + 2) + ": a code block follows " + lines.get(i)).startsWith("```");
                int end = i + 2;
                while (!lines.get(end).startsWith("```")) {
                    end++;
                }
                out.add(new Quote(lines.get(i), m.group(1), m.group(2), m.group(3), lines.subList(i + 2, end)));
            }
        }
        return out;
    }

    private static List<String> commandsOf(String transcript) {
        return transcript.lines().filter(l -> l.startsWith("$ ")).map(l -> normalised(l.substring(2))).toList();
    }

    /** A command without what changes from run to run: ports. */
    private static String normalised(String command) {
        return command.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT");
    }

    private static String runScript(String script, Path tourDir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script).redirectErrorStream(true);
        pb.environment().put("TOUR_DIR", tourDir.toString());
        Path log = Files.createTempFile("tour", ".txt");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                throw new AssertionError(script + " did not finish in 10 minutes:\n" + Files.readString(log));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(script + " exit code; it printed:\n" + out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** README.md and the pages under docs/. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The commands of the README's first code block, without their comments. */
    private static List<String> readmeCommands() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                start = i;
                break;
            }
        }
        List<String> commands = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            String command = lines.get(i).replaceAll("\\s+#.*$", "").trim();
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }

    /** The link targets of a page, outside code blocks and code spans. */
    private static List<String> links(Path page) throws IOException {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The anchors GitHub makes for a page's headings (outside code blocks); repeated headings get -1, -2, …. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        if (!page.toString().endsWith(".md")) {
            return anchors;
        }
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = Pattern.compile("^#{1,6} (.+?)#*$").matcher(line);
            if (!fenced && m.matches()) {
                String slug = m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int n = 1; !anchors.add(unique); n++) {
                    unique = slug + "-" + n;
                }
            }
        }
        return anchors;
    }
}
