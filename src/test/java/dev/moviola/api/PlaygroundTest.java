package dev.moviola.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.asset.html.DevToolsPage;
import dev.moviola.movie.InvalidMovieException;
import dev.moviola.movie.Limits;
import dev.moviola.movie.MovieReader;
import dev.moviola.movie.Problem;
import dev.moviola.testing.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The web playground as a person uses it, in a real headless Chromium against a real server: enter a key, load an
 * example, see a deliberate error marked at its line, fix it, render, watch the phases advance, and play the
 * result (the {@code <video>} element reports the movie's duration). Saves the screenshots of docs/service.md
 * (docs/images/playground-*.png).
 *
 * <p>Stand-ins for routes of the other parts of issue 22, used only while the server lacks them (answers 404):
 * {@code GET /schema/movie.json} (a small schema) and {@code POST /v1/validate} (the project's own reader) are then
 * answered by this test through the browser's request interception; every other request reaches the server.
 */
@Slow
class PlaygroundTest extends ServerTest {
    private static final Path IMAGES = Path.of("docs", "images");
    private static final double FPS = 25;

    @Test
    void editValidateRenderAndPlayInTheBrowser() throws Exception {
        Optional<Path> chromium = DevToolsPage.program();
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium on the PATH (apt-get install chromium)");
        try (DevToolsPage page = DevToolsPage.open(chromium.get(), dir.resolve("browser"), 1280, 800)) {
            // Stand-ins only for the routes this server does not have yet.
            List<String> missing = new ArrayList<>();
            if (call("GET", "/schema/movie.json", null, null).statusCode() == 404) {
                missing.add("*/schema/movie.json");
            }
            if (call("POST", "/v1/validate?timeline=false", "{\"scenes\": []}", KEY).statusCode() == 404) {
                missing.add("*/v1/validate*");
            }
            page.intercept(missing.isEmpty() ? List.of("*/no-stand-ins") : missing, request -> {
                if (request.url().contains("/schema/movie.json")) {
                    return Optional.of(new DevToolsPage.Answer(200, "application/schema+json", SCHEMA));
                }
                return Optional.of(new DevToolsPage.Answer(200, "application/json", validate(request.body())));
            });
            page.navigate(server.url() + "/");
            page.waitFor("the editor", "!!document.querySelector('#editor .cm-content') && document.querySelectorAll('#examples option').length > 2",
                    Duration.ofSeconds(20));

            // The key: typed, saved, kept in this browser only.
            page.eval("document.getElementById('api-key').focus()");
            page.type(KEY);
            page.eval("document.getElementById('key-save').click()");
            assertThat(page.eval("localStorage.getItem('moviola.apiKey')").asText()).isEqualTo(KEY);

            // The shipped example, as it is in the repository.
            page.eval("document.getElementById('examples').value = 'hello.json'; document.getElementById('load-example').click()");
            String example = Files.readString(Path.of("examples", "hello.json"));
            page.waitFor("the example in the editor", "playground.editor.getText() === " + JSON.writeValueAsString(example),
                    Duration.ofSeconds(10));
            page.waitFor("the example checked as valid", "document.getElementById('lint-state').textContent === 'valid'",
                    Duration.ofSeconds(20));

            // Paths as the server's problems carry them, found in the text (the mapping the marks use).
            assertThat(page.eval("MoviolaEditor.parsePath('scenes[0][\"my key\"].src (iteration 2 of rooms)')").toString())
                    .isEqualTo("[\"scenes\",0,\"my key\",\"src\"]");
            String where = "(p => { const s = playground.editor.view.state; const r = MoviolaEditor.locate(s, p);"
                    + " return s.doc.lineAt(r.from).number + ':' + r.exact + ':' + s.sliceDoc(r.from, r.to); })";
            assertThat(page.eval(where + "('scenes[1].elements[0].text')").asText()).startsWith("16:true:\"text\": \"Every scene");
            assertThat(page.eval(where + "('scenes[1].elements')").asText()).as("a container: its key").isEqualTo("15:true:\"elements\"");
            assertThat(page.eval(where + "('scenes[0].elements[0].settings.font-weight')").asText())
                    .isEqualTo("9:true:\"font-weight\": \"bold\"");
            assertThat(page.eval(where + "('scenes[1].elements[3].src')").asText()).as("not in the text: the nearest place")
                    .isEqualTo("15:false:\"elements\"");
            assertThat(page.eval(where + "('')").asText()).isEqualTo("1:true:{");

            // Completion from the schema: a scene's keys it does not have yet, offered as one types.
            String loaded = page.eval("playground.editor.getText()").asText();
            int sceneOpen = example.indexOf("{", example.indexOf("\"scenes\""));
            select(page, sceneOpen + 1, sceneOpen + 1);
            page.type("\n      ");
            for (String key : List.of("\"", "t", "r", "a", "n")) { // key by key: the editor closes the quote itself
                page.type(key);
            }
            page.waitFor("completion offering transition", "[...document.querySelectorAll('.cm-tooltip-autocomplete li')]"
                    + ".some(li => li.textContent.includes('transition'))", Duration.ofSeconds(10));
            page.eval("playground.editor.setText(" + JSON.writeValueAsString(loaded) + ")");
            page.waitFor("the example checked as valid again", "document.getElementById('lint-state').textContent === 'valid'",
                    Duration.ofSeconds(20));

            // A deliberate error: the second scene's duration as a word. The server's problem is at its line.
            int at = example.indexOf("\"duration\": 2", example.indexOf("\"duration\": 2") + 1) + "\"duration\": ".length();
            int line = (int) example.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            select(page, at, at + 1);
            page.type("\"two\"");
            JsonNode marked = page.waitFor("the error marked at line " + line, """
                    playground.editor.diagnostics().filter(d => d.source === 'server' && d.severity === 'error' && d.line === %d)
                      .map(d => d.message)[0]""".formatted(line), Duration.ofSeconds(20));
            assertThat(marked.asText()).as("the reader's message for scenes[1].duration").contains("\"two\"");
            assertThat(page.eval("document.querySelector('.cm-lintRange-error') !== null").asBoolean())
                    .as("the text is underlined").isTrue();
            assertThat(page.eval("[...document.querySelectorAll('#problems li.sev-error')].map(li => li.textContent).join('|')")
                    .asText()).as("the list under the editor names the line").contains("line " + line);
            page.eval("document.querySelector('.cm-lintRange-error').scrollIntoView()");
            page.screenshot(IMAGES.resolve("playground-error.png"));

            // Not JSON at all (a comma gone): the server's line and column are the editor's.
            String before = "playground.editor.getText().lastIndexOf(',', playground.editor.getText().indexOf('\"background-color\": \"rgb'))";
            int comma = page.eval(before).asInt();
            page.eval("playground.editor.view.dispatch({changes: {from: %d, to: %d, insert: ''}})".formatted(comma, comma + 1));
            int syntaxLine = line + 1; // where the parser finds the next key instead of a comma
            page.waitFor("the missing comma marked by the server at line " + syntaxLine, """
                    playground.editor.diagnostics().some(d => d.source === 'server' && d.line === %d && /not valid JSON/.test(d.message))"""
                    .formatted(syntaxLine), Duration.ofSeconds(20));
            page.eval("playground.editor.view.dispatch({changes: {from: %d, insert: ','}})".formatted(comma));

            // Fixed: no error left, and the server says valid.
            select(page, at, at + "\"two\"".length());
            page.type("2");
            page.waitFor("the fix checked", "document.getElementById('lint-state').textContent === 'valid' && "
                    + "playground.editor.diagnostics().filter(d => d.severity === 'error').length === 0", Duration.ofSeconds(20));
            List<String> validations = new ArrayList<>();
            page.eval("performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/v1/validate'))")
                    .forEach(n -> validations.add(n.asText()));
            assertThat(validations).as("the page asked the server to read the text only, as one types").hasSizeGreaterThan(2)
                    .allMatch(u -> u.endsWith("/v1/validate?timeline=false"));

            // Render: the job's phases advance in the page, over the event stream.
            page.eval("document.getElementById('submit').click()");
            page.waitFor("a job shown", "document.getElementById('job-id').textContent.startsWith('job_')", Duration.ofSeconds(20));
            page.waitFor("the job running", "['running', 'waiting'].includes(document.getElementById('job-status').textContent)",
                    Duration.ofSeconds(60));
            // The picture of a job on its way: its scenes once it has them (a quick job may be done by then).
            page.waitFor("the job's scenes under way", "[...document.querySelectorAll('#scenes span')]"
                    + ".some(t => parseInt(t.style.getPropertyValue('--done')) >= 30) || document.getElementById('job-status').textContent === 'done'",
                    Duration.ofSeconds(60));
            page.screenshot(IMAGES.resolve("playground-job.png"));
            page.waitFor("the job done", "document.getElementById('job-status').textContent === 'done'", Duration.ofMinutes(2));
            List<String> log = new ArrayList<>();
            page.eval("[...document.querySelectorAll('#log li')].map(li => li.textContent)").forEach(n -> log.add(n.asText()));
            Set<String> phases = new LinkedHashSet<>();
            for (String entry : log) {
                for (String p : List.of("planning", "dispatching", "rendering", "assembling", "uploading")) {
                    if (entry.contains("· " + p + " ·")) {
                        phases.add(p);
                    }
                }
            }
            // Short phases may pass between two looks of the stream; rendering (seconds) is always seen.
            assertThat(phases).as("phases seen in the events: " + log).contains("rendering");
            assertThat(List.of("planning", "dispatching", "rendering", "assembling", "uploading"))
                    .as("in the order a render goes through: " + log).containsSubsequence(new ArrayList<>(phases));
            assertThat(log.stream().map(e -> e.replaceAll("^\\S+ (.*?) · \\d+%$", "$1")).distinct().count())
                    .as("the job's state advanced through at least three steps: " + log).isGreaterThanOrEqualTo(3);
            assertThat(log.get(log.size() - 1)).as("the stream's last event").contains("done");
            assertThat(page.eval("document.querySelector('#phases li[data-phase=done]').classList.contains('finished')")
                    .asBoolean()).isTrue();
            assertThat(page.eval("document.getElementById('progress-text').textContent").asText()).isEqualTo("100%");
            assertThat(page.eval("document.getElementById('scenes-text').textContent").asText()).contains("2 of 2 rendered");
            assertThat(page.eval("[...document.querySelectorAll('#scenes span')].map(t => t.className + ' ' + t.title).join('|')")
                    .asText()).as("a tile a scene, each done").isEqualTo("done scene 0: 100%|done scene 1: 100%");

            // The result plays in the page: the video element knows the movie's length (2 scenes of 2 s).
            JsonNode duration = page.waitFor("the video's metadata", """
                    (() => { const v = document.getElementById('video');
                             return v.readyState >= 1 && isFinite(v.duration) ? v.duration : 0; })()""", Duration.ofSeconds(30));
            assertThat(duration.asDouble()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1 / FPS));
            page.eval("(() => { const v = document.getElementById('video'); v.muted = true; v.currentTime = 1.2; return v.play(); })()");
            page.waitFor("the video playing", "document.getElementById('video').currentTime > 1.3", Duration.ofSeconds(20));
            page.eval("document.getElementById('video').pause()");
            page.screenshot(IMAGES.resolve("playground-result.png"));

            // The job is in the list of past jobs; reopening it brings its movie back into the editor.
            String jobId = page.eval("document.getElementById('job-id').textContent").asText();
            page.eval("playground.refreshJobs()");
            page.waitFor("the job listed", "!!document.querySelector('#jobs li[data-job-id=\"" + jobId + "\"]')", Duration.ofSeconds(10));
            page.eval("playground.editor.setText('{}')");
            page.eval("document.querySelector('#jobs li[data-job-id=\"" + jobId + "\"]').click()");
            page.waitFor("the job's movie reopened", "playground.editor.getText().includes('Hello, Moviola')", Duration.ofSeconds(10));

            assertThat(page.console()).as("no script errors").noneMatch(c -> c.startsWith("exception") || c.startsWith("error"));
        }
        for (String name : List.of("error", "job", "result")) {
            Path shot = IMAGES.resolve("playground-" + name + ".png");
            assertThat(Files.size(shot)).as(shot + " is small").isBetween(5_000L, 200_000L);
        }
    }

    /** Selects the editor's text from {@code from} to {@code to} and gives it the focus, as a mouse would. */
    private static void select(DevToolsPage page, int from, int to) throws Exception {
        page.eval("playground.editor.view.dispatch({selection: {anchor: %d, head: %d}}); playground.editor.view.focus()"
                .formatted(from, to));
    }

    /** Stands in for {@code POST /v1/validate?timeline=false} (contract of issue 22): the reader's problems. */
    static String validate(String body) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode problems = answer.putArray("problems");
        List<Problem> found = new ArrayList<>();
        try {
            JsonNode request = MovieReader.parseJson(body); // a job request, or a bare movie as the page sends
            JsonNode movie = request.has("movie") ? request.path("movie") : request;
            found.addAll(new MovieReader(Limits.DEFAULT).read(movie.toString()).warnings());
        } catch (InvalidMovieException e) {
            found.addAll(e.problems());
        }
        for (Problem p : found) {
            problems.addObject().put("severity", p.isError() ? "error" : "warning").put("path", p.path()).put("message", p.message());
        }
        answer.put("valid", found.stream().noneMatch(Problem::isError));
        answer.putNull("timeline");
        return answer.toString();
    }

    /** Stands in for {@code GET /schema/movie.json} (until it is merged): enough of it for completion and hover. */
    static final String SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://moviola.dev/schema/movie.json",
             "type": "object",
             "properties": {
               "resolution": {"enum": ["sd", "hd", "full-hd", "squared", "instagram-story", "instagram-feed", "twitter-landscape", "twitter-portrait", "custom"],
                              "description": "The movie's size"},
               "comment": {"type": "string"},
               "scenes": {"type": "array", "items": {"type": "object", "properties": {
                 "duration": {"type": "number", "description": "The scene's length in seconds; -1: as long as its longest element"},
                 "background-color": {"type": "string"},
                 "transition": {"type": "object", "description": "How the scene comes in"},
                 "elements": {"type": "array"}}}}}}""";
}
