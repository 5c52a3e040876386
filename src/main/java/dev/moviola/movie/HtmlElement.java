package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A snippet of HTML ({@code html}) or a web page ({@code src}) drawn by a headless browser into a transparent
 * picture the size of the element's box, then shown like a still image: the capture is a generated source (made once
 * for equal requests and kept in the cache), so every visual property and effect of an image applies to it.
 *
 * @param src     the name of its generated source ({@code html:3f2a…})
 * @param request what the browser is asked to draw ({@link #request}): the snippet or page, Tailwind, the wait and the
 *                box's size in pixels
 */
public record HtmlElement(Location where, String id, Timing timing, Visual visual, String src, JsonNode request,
        boolean cache) implements VisualElement, Sourced, Lasting, ShowsMedia {

    /** The kind of generated source an html element's picture is ({@link Source#kind()}). */
    public static final String KIND = "html";
    /** Longest {@code wait} a document may ask for: the capture holds a browser page that long. */
    public static final double MAX_WAIT = 30;

    /** A capture never moves: drawn once and held, like a still picture. */
    private static final Playback STILL = new Playback(0, 1, 1, true);

    /**
     * The request in canonical form: exactly one of {@code html} and {@code url} (the other null), whether Tailwind is
     * injected, the seconds to wait before the capture, and the capture's size.
     */
    public static ObjectNode request(String html, String url, boolean tailwind, double wait, int width, int height) {
        return JsonNodeFactory.instance.objectNode().put("html", html).put("url", url).put("tailwind", tailwind)
                .put("wait", wait).put("width", width).put("height", height);
    }

    /** An html element showing the capture {@code request} asks for. */
    static HtmlElement of(Location where, String id, Timing timing, Visual visual, ObjectNode request, boolean cache) {
        return new HtmlElement(where, id, timing, visual, Source.generated(KIND, request, "", Source.Need.PICTURE).src(),
                request, cache);
    }

    @Override
    public HtmlElement withTiming(Timing timing) {
        return new HtmlElement(where, id, timing, visual, src, request, cache);
    }

    @Override
    public String type() {
        return "html";
    }

    @Override
    public List<Source> sources() {
        List<Source> all = new ArrayList<>();
        all.add(new Source(src, where.at(request.path("html").isTextual() ? "html" : "src"), Source.Need.PICTURE, KIND,
                request));
        all.addAll(visual.maskSources(where));
        return all;
    }

    @Override
    public HtmlElement withSources(UnaryOperator<String> rename) {
        return new HtmlElement(where, id, timing, visual.withSources(rename), src, request, cache);
    }

    /** A capture is a still: it has no length of its own. */
    @Override
    public double ownLength(MediaLength source) {
        return Double.NaN;
    }

    @Override
    public Playback picturePlayback() {
        return STILL;
    }

    @Override
    public boolean picture() {
        return true;
    }

    @Override
    public String summary() {
        String what = request.path("html").isTextual() ? request.path("html").asText() : request.path("url").asText();
        what = what.replaceAll("\\s+", " ").trim();
        return what.length() > 40 ? what.substring(0, 37) + "..." : what;
    }
}
