package dev.moviola.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moviola.testing.Decoded;
import dev.moviola.testing.TestFfmpeg;
import dev.moviola.testing.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line as a user meets it: exit codes, messages with JSON paths, the --json result. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** Runs the command line with the test's ffmpeg and work directory, capturing what it prints. */
    Run moviola(String... args) {
        return moviolaWithFfmpeg(TestFfmpeg.installation().ffmpeg(), args);
    }

    private Run moviolaWithFfmpeg(Path ffmpeg, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.contains("render") || all.contains("validate")) {
            all.addAll(List.of("--ffmpeg", ffmpeg.toString(), "--work-dir", dir.resolve("work").toString()));
        }
        if (all.contains("render") || all.contains("validate") || all.contains("stats") || all.contains("clear")) {
            all.addAll(List.of("--cache-dir", dir.resolve("cache").toString()));
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(all.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Stream<Arguments> invalidMovies() {
        return Stream.of(
                Arguments.of("missing scenes", "{\"resolution\": \"hd\"}", "scenes", "is required"),
                Arguments.of("empty scenes", "{\"scenes\": []}", "scenes", "movie duration cannot be zero"),
                Arguments.of("unknown element type", "{\"scenes\": [{\"elements\": [{\"type\": \"imgae\", \"src\": \"a.png\"}]}]}",
                        "scenes[0].elements[0].type", "did you mean \"image\""),
                Arguments.of("bad colour", "{\"scenes\": [{\"background-color\": \"#GG0000\", \"elements\": []}]}",
                        "scenes[0].background-color", "is not a colour"),
                Arguments.of("negative duration", "{\"scenes\": [{\"duration\": -3, \"elements\": []}]}",
                        "scenes[0].duration", "got -3"),
                Arguments.of("negative element duration", "{\"scenes\": [{\"elements\": [{\"type\": \"text\", \"text\": \"x\", \"duration\": -5}]}]}",
                        "scenes[0].elements[0].duration", "got -5"),
                Arguments.of("bad resolution", "{\"resolution\": \"4k-ultra\", \"scenes\": [{\"elements\": []}]}",
                        "resolution", "is not a resolution"),
                Arguments.of("too large", "{\"width\": 5000, \"height\": 100, \"scenes\": [{\"elements\": []}]}",
                        "width", "from 50 to 3840"),
                Arguments.of("unreadable JSON", "{\"scenes\": [{\"elements\": [}]}", "(movie)", "not valid JSON at line 1"),
                Arguments.of("undefined variable", "{\"scenes\": [{\"elements\": [{\"type\": \"text\", \"text\": \"Hi {{ nmae }}\"}]}]}",
                        "scenes[0].elements[0].text", "undefined variable \"nmae\""),
                Arguments.of("iterate over an object", "{\"variables\": {\"rooms\": {}}, \"scenes\": [{\"iterate\": \"rooms\"}]}",
                        "scenes[0].iterate", "\"rooms\" is an object, not an array"),
                Arguments.of("everything dropped", "{\"scenes\": [{\"condition\": false}]}", "scenes",
                        "movie duration cannot be zero"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMovies")
    void invalidMovieExitsWithTwoNamingThePathAndStartsNoFfmpeg(String name, String json, String path, String message)
            throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, json);
        Path marker = dir.resolve("ffmpeg-was-run");
        Path fake = fakeFfmpeg(marker);
        for (String command : List.of("render", "validate")) {
            Run r = command.equals("render")
                    ? moviolaWithFfmpeg(fake, command, movie.toString(), "-o", dir.resolve("out.mp4").toString())
                    : moviolaWithFfmpeg(fake, command, movie.toString());
            assertThat(r.exit).as(r.err).isEqualTo(2);
            assertThat(r.err).contains(path + ": ").contains(message);
            assertThat(marker).as("no ffmpeg process was started").doesNotExist();
            assertThat(dir.resolve("out.mp4")).doesNotExist();
        }
    }

    @Test
    void everyProblemIsReportedAtOnceAsJson() throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"fps": 500, "scenes": [{"background-color": "blu", "elements": [
                  {"type": "text", "text": "x", "fade_in": 1, "z-index": 300}]}]}""");
        Run r = moviola("render", movie.toString(), "--json");
        assertThat(r.exit).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.at("/error/code").asText()).isEqualTo("INVALID_MOVIE");
        List<String> paths = new ArrayList<>();
        json.at("/error/details").forEach(d -> paths.add(d.get("path").asText()));
        assertThat(paths).containsExactlyInAnyOrder("fps", "scenes[0].background-color", "scenes[0].elements[0].z-index");
        assertThat(json.at("/error/details/1/message").asText()).contains("did you mean \"blue\"");
        assertThat(json.at("/warnings/0/path").asText()).isEqualTo("scenes[0].elements[0].fade_in");
        assertThat(json.at("/warnings/0/message").asText()).contains("did you mean \"fade-in\"");
    }

    @Test
    void renderPrintsAMachineReadableResult() throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"width": 160, "height": 90, "fps": 20, "exports": [{"destinations": [{"type": "webhook", "endpoint": "https://example.com/hook"}]}],
                 "scenes": [{"duration": 1, "elements": [{"type": "text", "text": "hi", "colour": "red"}]}]}""");
        Path out = dir.resolve("result.mp4");
        Run r = moviola("render", movie.toString(), "-o", out.toString(), "--json");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("output").asText()).isEqualTo(out.toAbsolutePath().toString());
        assertThat(json.get("duration").asDouble()).isEqualTo(1.0);
        assertThat(json.get("width").asInt()).isEqualTo(160);
        assertThat(json.get("height").asInt()).isEqualTo(90);
        assertThat(json.get("size").asLong()).isEqualTo(Files.size(out));
        assertThat(json.get("timings").fieldNames()).toIterable().containsExactly("planning", "rendering", "assembling",
                "uploading");
        assertThat(json.at("/ffmpeg/version").asText()).isEqualTo(TestFfmpeg.installation().version());
        List<String> warned = new ArrayList<>();
        json.get("warnings").forEach(w -> warned.add(w.get("path").asText()));
        assertThat(warned).contains("exports", "scenes[0].elements[0].colour");
        assertThat(Decoded.frameCount(out)).isEqualTo(20);
    }

    @Test
    void renderReportsCacheUseAndTheCacheCanBeInspectedAndCleared() throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"width": 160, "height": 90, "scenes": [{"duration": 0.5, "elements": [{"type": "text", "text": "one"}]},
                  {"duration": 0.5, "elements": [{"type": "text", "text": "two"}]}]}""");
        JsonNode cold = new ObjectMapper().readTree(moviola("render", movie.toString(), "-o", dir.resolve("movie.mp4").toString(), "--json").out);
        assertThat(cold.at("/cache/movie").asText()).isEqualTo("miss");
        assertThat(cold.at("/cache/scenes/rendered").asInt()).isEqualTo(2);

        JsonNode repeat = new ObjectMapper().readTree(moviola("render", movie.toString(), "-o", dir.resolve("movie.mp4").toString(), "--json").out);
        assertThat(repeat.at("/cache/movie").asText()).isEqualTo("hit");
        assertThat(repeat.get("timings").fieldNames()).toIterable().containsExactly("planning", "uploading");

        JsonNode forced = new ObjectMapper().readTree(moviola("render", movie.toString(), "-o", dir.resolve("movie.mp4").toString(), "--json", "--no-cache").out);
        assertThat(forced.at("/cache/movie").asText()).isEqualTo("skipped");
        assertThat(forced.at("/cache/scenes/rendered").asInt()).isEqualTo(2);
        assertThat(forced.at("/cache/scenes/hit").asInt()).isZero();

        Run stats = moviola("cache", "stats", "--json");
        assertThat(stats.exit).as(stats.err).isZero();
        JsonNode s = new ObjectMapper().readTree(stats.out);
        assertThat(s.at("/kinds/scene/entries").asInt()).isEqualTo(2);
        assertThat(s.at("/kinds/movie/entries").asInt()).isEqualTo(1);
        assertThat(s.get("bytes").asLong()).isGreaterThan(s.at("/kinds/movie/bytes").asLong()).isPositive();
        assertThat(moviola("cache", "stats").out).contains("scene").contains("movie").contains("bound 5.0 GiB");

        Run clear = moviola("cache", "clear");
        assertThat(clear.exit).isZero();
        assertThat(clear.out).contains("was cleared of " + s.get("entries").asInt() + " entries");
        assertThat(new ObjectMapper().readTree(moviola("cache", "stats", "--json").out).get("entries").asInt()).isZero();
        JsonNode afterClear = new ObjectMapper().readTree(moviola("render", movie.toString(), "-o", dir.resolve("movie.mp4").toString(), "--json").out);
        assertThat(afterClear.at("/cache/movie").asText()).isEqualTo("miss");
    }

    @Test
    void aMissingSourceFailsWithExitOneNamingTheElementAndLeavesNoFile() throws Exception {
        TestMedia.solid(dir, "ok.png", "red", 16, 16);
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [{"type": "image", "src": "ok.png"}]},
                  {"duration": 1, "elements": [{"type": "image", "src": "pictures/missing.png"}]}]}""");
        Path out = dir.resolve("out.mp4");
        Run r = moviola("render", movie.toString(), "-o", out.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains("ASSET_FETCH_FAILED").contains("scenes[1].elements[0].src")
                .contains("pictures/missing.png").contains("file not found");
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
        try (Stream<Path> work = Files.list(dir.resolve("work"))) {
            assertThat(work).as("work directory cleaned up").isEmpty();
        }
    }

    @Test
    void anUndecodableSourceFailsNamingTheElement() throws Exception {
        Files.writeString(dir.resolve("broken.png"), "this is not a picture");
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"scenes": [{"elements": [{"type": "image", "src": "broken.png"}]}]}""");
        Run r = moviola("render", movie.toString(), "-o", dir.resolve("out.mp4").toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains("scenes[0].elements[0].src").contains("cannot be decoded").contains("broken.png");
    }

    @Test
    void validatePrintsTheResolvedTimeline() throws Exception {
        TestMedia.tone(dir, "tone.wav", 440, 1.5, 0.3);
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"fps": 25, "scenes": [{"id": "intro", "duration": 2, "elements": [{"type": "text", "text": "Hello"}]},
                  {"elements": [{"type": "audio", "src": "tone.wav", "start": 0.5}]}]}""");
        Run r = moviola("validate", movie.toString());
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("4.000 s (100 frames), 2 scenes")
                .contains("scene 1 (intro)").contains("\"Hello\"")
                .containsPattern("scenes\\[1]\\.elements\\[0]\\s+2\\.500 –\\s+4\\.000 s");
    }

    @Test
    void variablesFromTheCommandLineReplaceTheMoviesAndExplainShowsTheResult() throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"variables": {"address": "123 Oak Street", "rooms": ["a"], "price": 1},
                 "scenes": [{"iterate": "rooms", "elements": [
                   {"type": "text", "text": "{{ address }}: {{ item }} for {{ price }}"},
                   {"type": "text", "condition": "{{ featured }}", "text": "Featured"}]}]}""");
        Path vars = dir.resolve("vars.json");
        Files.writeString(vars, "{\"rooms\": [\"kitchen\", \"den\"], \"price\": 2}");
        Run r = moviola("validate", movie.toString(), "--explain", "--vars", vars.toString(),
                "--var", "address=9 Elm Road", "--var", "price=350000", "--var", "featured=true");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode resolved = new ObjectMapper().readTree(r.out);
        assertThat(resolved.get("scenes")).hasSize(2);
        assertThat(resolved.at("/scenes/1/elements/0/text").asText()).isEqualTo("9 Elm Road: den for 350000");
        assertThat(resolved.at("/scenes/1/elements/1/text").asText()).isEqualTo("Featured");

        Run bad = moviola("validate", movie.toString(), "--var", "9lives=x");
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err).contains("--var: \"9lives=x\" is not NAME=VALUE");
    }

    @Test
    void captionsAreWrittenBesideTheMovieWhenAsked() throws Exception {
        Path movie = dir.resolve("captioned.json");
        Files.writeString(movie, """
                {"width": 160, "height": 90, "elements": [{"type": "subtitles",
                   "captions": "1\\n00:00:00,200 --> 00:00:00,800\\nHello there\\n"}],
                 "scenes": [{"duration": 1, "elements": []}]}""");
        Run r = moviola("render", movie.toString(), "-o", dir.resolve("out.mp4").toString(), "--captions", "--json",
                "--no-progress");
        assertThat(r.exit).as(r.err).isZero();
        assertThat(new ObjectMapper().readTree(r.out).path("captions").asText()).isEqualTo(dir.resolve("out.ass").toString());
        assertThat(Files.readString(dir.resolve("out.ass"))).contains("[Events]").contains("Hello").contains("there")
                .contains("0:00:00.20");
        Run without = moviola("render", movie.toString(), "-o", dir.resolve("plain.mp4").toString(), "--no-progress");
        assertThat(without.exit).as(without.err).isZero();
        assertThat(dir.resolve("plain.ass")).doesNotExist();
    }

    @Test
    void helpAndVersionAnswer() {
        Run help = moviola("--help");
        assertThat(help.exit).isZero();
        assertThat(help.out).contains("render").contains("validate");
        Run version = moviola("--version");
        assertThat(version.exit).isZero();
        assertThat(version.out).contains("moviola").contains("ffmpeg");
    }

    @Test
    void helpShowsEveryCommandsDescriptionWhole() {
        Run help = moviola("--help");
        assertThat(help.out.replaceAll("\\s+", " ")).contains("serve Run the render service:")
                .contains("by a cluster of serve and moviola worker processes.");
    }

    /** Settings that cannot work are one line naming the setting, exit 2: no stack trace. */
    @Test
    void anUnusableFfmpegOrClusterSettingIsOneLineAndExit2() throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, "{\"scenes\": [{\"elements\": []}]}");
        Run noFfmpeg = moviolaWithFfmpeg(dir.resolve("nosuch-ffmpeg"), "render", movie.toString());
        assertThat(noFfmpeg.exit).isEqualTo(2);
        assertThat(noFfmpeg.err.strip().lines()).hasSize(1).first().asString().startsWith("moviola: ")
                .contains("nosuch-ffmpeg").doesNotContain("Exception");

        Run worker = moviola("worker", "--data-dir", dir.resolve("w").toString());
        assertThat(worker.exit).isEqualTo(2);
        assertThat(worker.err).contains("setting public-url").doesNotContain("Exception");

        Run serveOnly = moviola("serve", "--port", "0", "--worker", "false", "--data-dir", dir.resolve("s").toString());
        assertThat(serveOnly.exit).isEqualTo(2);
        assertThat(serveOnly.err).contains("setting worker").contains("database-url").doesNotContain("Exception");
    }

    @Test
    void aWrongOptionValueIsOneLineNamingTheAcceptedValues() throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, "{\"scenes\": [{\"elements\": []}]}");
        Run r = moviola("render", movie.toString(), "--quality", "hi");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.lines()).hasSize(2).first().asString()
                .isEqualTo("moviola render: Invalid value for option '--quality': expected one of [LOW, MEDIUM, HIGH] but was 'hi'");
        assertThat(r.err).doesNotContain("Usage:").contains("See 'moviola render --help'.");
    }

    @Test
    void aMovieFileThatDoesNotExistIsNotFoundNotInvalid() {
        for (String command : List.of("render", "validate")) {
            Run r = moviola(command, dir.resolve("nosuch.json").toString());
            assertThat(r.exit).isEqualTo(2);
            assertThat(r.err).isEqualTo("moviola: " + dir.resolve("nosuch.json") + ": file not found" + System.lineSeparator());
        }
    }

    @Test
    void aMovieFromStdinNeedsAnOutputAndRendersIt() throws Exception {
        Run without = moviola("render", "-");
        assertThat(without.exit).isEqualTo(2);
        assertThat(without.err).contains("render -: a movie read from stdin needs -o FILE");
        assertThat(Path.of("-.mp4")).doesNotExist();

        java.io.InputStream oldIn = System.in;
        System.setIn(new java.io.ByteArrayInputStream("""
                {"width": 160, "height": 90, "scenes": [{"duration": 1, "background-color": "hsl(120, 100%, 25%)"}]}"""
                .getBytes(StandardCharsets.UTF_8)));
        try {
            Path out = dir.resolve("from-stdin.mp4");
            Run r = moviola("render", "-", "-o", out.toString(), "--no-progress");
            assertThat(r.exit).as(r.err).isZero();
            java.awt.image.BufferedImage frame = Decoded.frame(out, 5);
            assertThat(dev.moviola.testing.Pixels.near(frame, 80, 45, 0, 128, 0)).as(dev.moviola.testing.Pixels.describe(frame, 80, 45)).isTrue();
        } finally {
            System.setIn(oldIn);
        }
    }

    @Test
    void validateReportsEveryUnusableSourceAndFontsThatAreNotInstalled() throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"width": 160, "height": 90, "scenes": [{"duration": 1, "elements": [
                  {"type": "text", "text": "Hi", "settings": {"font-family": "No Such Family Sans"}},
                  {"type": "image", "src": "missing-one.png"}, {"type": "audio", "src": "missing-two.wav"}]}]}""");
        Run r = moviola("validate", movie.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).doesNotContain("Render failed")
                .contains("The movie cannot be rendered [ASSET_FETCH_FAILED]: 2 sources cannot be used:")
                .contains("scenes[0].elements[1].src").contains("missing-one.png")
                .contains("scenes[0].elements[2].src").contains("missing-two.wav")
                .contains("scenes[0].elements[0].settings.font-family: font \"No Such Family Sans\" is not installed here");
        assertThat(r.err.indexOf("not installed")).as("warnings first").isLessThan(r.err.indexOf("cannot be rendered"));
        JsonNode json = new ObjectMapper().readTree(moviola("validate", movie.toString(), "--json").out);
        assertThat(json.at("/error/details")).hasSize(2);
        assertThat(json.at("/error/details/1/path").asText()).isEqualTo("scenes[0].elements[2].src");
    }

    @Test
    void warningsComeFirstAndStrictMakesThemErrors() throws Exception {
        Path movie = dir.resolve("movie.json");
        Files.writeString(movie, """
                {"width": 160, "height": 90, "scenes": [{"duraton": 3, "elements": [{"type": "text", "text": "Hi"}]}]}""");
        Run validate = moviola("validate", movie.toString());
        assertThat(validate.exit).as(validate.err).isZero();
        assertThat(validate.err).startsWith("Warning (1; --strict makes them errors):" + System.lineSeparator()
                + "  scenes[0].duraton: unknown key, ignored; did you mean \"duration\"?");
        assertThat(validate.out).contains("scene 1");

        Path out = dir.resolve("out.mp4");
        Run render = moviola("render", movie.toString(), "-o", out.toString(), "--no-progress");
        assertThat(render.exit).as(render.err).isZero();
        assertThat(render.err).startsWith("Warning (1; --strict makes them errors):");
        assertThat(render.err.indexOf("duraton")).isLessThan(render.err.indexOf("Rendered "));

        Path marker = dir.resolve("ffmpeg-was-run");
        Path strictOut = dir.resolve("strict.mp4");
        for (String command : List.of("render", "validate")) {
            Run strict = command.equals("render")
                    ? moviolaWithFfmpeg(fakeFfmpeg(marker), command, movie.toString(), "-o", strictOut.toString(), "--strict")
                    : moviolaWithFfmpeg(fakeFfmpeg(marker), command, movie.toString(), "--strict", "--json");
            assertThat(strict.exit).isEqualTo(2);
            assertThat(strict.err).startsWith("The movie is invalid under --strict (1 warning, counted as errors):");
            assertThat(marker).as("no ffmpeg process was started").doesNotExist();
        }
        assertThat(strictOut).doesNotExist();
        Run json = moviolaWithFfmpeg(fakeFfmpeg(marker), "validate", movie.toString(), "--strict", "--json");
        assertThat(new ObjectMapper().readTree(json.out).at("/error/details/0/path").asText()).isEqualTo("scenes[0].duraton");
    }

    /** An executable that records that it was run: proof, not assumption, that nothing started ffmpeg. */
    private Path fakeFfmpeg(Path marker) throws Exception {
        Path fake = dir.resolve("fake-ffmpeg");
        Files.writeString(fake, "#!/bin/sh\ntouch '" + marker + "'\necho 'ffmpeg version 9.9'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return fake;
    }
}
