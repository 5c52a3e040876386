package dev.moviola.movie;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one element object: the common properties, then those of its type. */
final class ElementReader {

    private static final List<String> TYPES = List.of("image", "video", "text", "audio",
            "html", "component", "voice", "subtitles", "audiogram");
    private static final List<String> VOICE_MODELS = VoiceElement.MODELS;
    private static final Map<String, Resize> RESIZE = Fields.words(
            "cover", Resize.COVER, "contain", Resize.CONTAIN, "fit", Resize.CONTAIN, "fill", Resize.FILL);

    private final TextSettingsReader textSettings = new TextSettingsReader();
    private final ComponentReader components;
    /** The movie's frame size: an html element's box inherits it where its size is not given. */
    private final Resolution resolution;

    ElementReader(dev.moviola.movie.component.ComponentLibrary library, Resolution resolution) {
        this.components = new ComponentReader(library);
        this.resolution = resolution;
    }

    Optional<Element> read(Fields f) {
        Optional<String> type = f.requiredText("type", "one of " + String.join(", ", TYPES));
        if (type.isEmpty()) {
            f.ignoreRest();
            return Optional.empty();
        }
        String t = type.get().trim().toLowerCase(java.util.Locale.ROOT);
        if (!TYPES.contains(t)) {
            String close = Suggest.closest(t, TYPES).map(s -> "did you mean \"" + s + "\"? ").orElse("");
            f.error("type", Fields.quote(type.get()) + " is not an element type; " + close + "use one of: " + String.join(", ", TYPES));
            f.ignoreRest();
            return Optional.empty();
        }
        String id = f.text("id").orElse(null);
        Timing timing = readTiming(f);
        boolean cache = f.bool("cache", true);
        f.ignore("comment");
        Location path = f.where();
        return switch (t) {
            case "image" -> image(f, path, id, timing, cache);
            case "video" -> Optional.of(new VideoElement(path, id, timing, readVisual(f, true), src(f), readPlayback(f), cache));
            case "text" -> text(f, path, id, timing, cache);
            case "audio" -> Optional.of(new AudioElement(path, id, timing, src(f), readPlayback(f), cache));
            case "voice" -> voice(f, path, id, timing, cache);
            case "subtitles" -> subtitles(f, path, id, timing, cache);
            case "audiogram" -> audiogram(f, path, id, timing, cache);
            case "component" -> components.read(f, path, id, timing, readVisual(f), cache);
            case "html" -> HtmlReader.read(f, path, id, timing, readVisual(f, true), resolution, cache);
            default -> throw new IllegalStateException("element type " + t + " is listed but not read");
        };
    }

    private static Optional<Element> audiogram(Fields f, Location path, String id, Timing timing, boolean cache) {
        Visual v = readVisual(f);
        if (!f.has("opacity")) {
            v = new Visual(v.position(), v.x(), v.y(), v.width(), v.height(), v.resize(), v.crop(), v.flipHorizontal(),
                    v.flipVertical(), AudiogramElement.DEFAULT_OPACITY, v.zIndex(), v.effects());
        }
        Color color = f.color("color").orElse(Color.WHITE);
        double amplitude = f.range("amplitude", AudiogramElement.DEFAULT_AMPLITUDE, 0, 10, "");
        return Optional.of(new AudiogramElement(path, id, timing, v, color, amplitude, cache));
    }

    private Optional<Element> image(Fields f, Location path, String id, Timing timing, boolean cache) {
        if (!f.has("prompt") || f.has("src")) {
            if (f.has("prompt")) {
                f.warning("prompt", "is not used: the picture is \"src\"; remove \"src\" to generate it from the prompt");
            }
            f.ignore("prompt", "model", "aspect-ratio", "model-settings");
            return Optional.of(new ImageElement(path, id, timing, readVisual(f, true), src(f), cache));
        }
        String prompt = f.requiredText("prompt", "describe the picture to generate, e.g. \"A house at twilight\"")
                .orElse("");
        String model = ImagePrompt.model(f.text("model").orElse(null));
        String written = f.text("aspect-ratio").orElse(null);
        Optional<String> aspect = ImagePrompt.aspect(written);
        if (aspect.isEmpty()) {
            f.error("aspect-ratio", Fields.quote(written) + " is not an aspect ratio; use one of: "
                    + String.join(", ", ImagePrompt.ASPECTS) + " (default " + ImagePrompt.DEFAULT_ASPECT + ")");
        }
        JsonNode settings = f.raw("model-settings");
        if (settings != null && !settings.isNull() && !settings.isObject()) {
            f.error("model-settings", "expected an object of the model's own settings, e.g. {\"seed\": 42}");
        }
        Visual visual = readVisual(f, true);
        return Optional.of(ImageElement.generated(path, id, timing, visual, ImagePrompt.request(prompt, model,
                aspect.orElse(ImagePrompt.DEFAULT_ASPECT), settings), cache));
    }

    private Optional<Element> text(Fields f, Location path, String id, Timing timing, boolean cache) {
        if (!f.has("text")) {
            f.error("text", "is required: the words to show, e.g. \"text\": \"Hello\"");
        }
        String text = f.text("text").orElse("");
        String written = f.text("style").orElse("001").trim();
        Optional<TextStyle> style = TextStyle.of(written);
        if (style.isEmpty()) {
            String close = Suggest.closest(written, TextStyle.all().keySet()).map(c -> "did you mean \"" + c + "\"? ")
                    .orElse("");
            List<String> codes = List.copyOf(TextStyle.all().keySet());
            f.error("style", "text style " + Fields.quote(written) + " does not exist; " + close + "use one of "
                    + codes.get(0) + " to " + codes.get(codes.size() - 1) + " (001: static, the default)");
        }
        Visual visual = readVisual(f);
        for (String key : List.of("resize", "crop")) {
            if (f.has(key)) {
                f.warning(key, "has no effect on text: text is laid out inside its box, never scaled or cropped");
            }
        }
        TextStyle chosen = style.orElse(TextStyle.all().get("001"));
        JsonNode own = f.raw("settings");
        if (own != null && !own.isNull() && !own.isObject()) {
            f.error("settings", "expected an object { … }, got " + Fields.describe(own));
            own = null;
        }
        Fields s = f.child("settings", chosen.under(own));
        TextSettings settings = textSettings.read(s);
        s.finish();
        return Optional.of(new TextElement(path, id, timing, visual, text, chosen.code(), settings, cache));
    }

    private static Optional<Element> voice(Fields f, Location path, String id, Timing timing, boolean cache) {
        String text = f.requiredText("text", "the words to say, e.g. \"text\": \"Welcome home\"").orElse("");
        String voice = f.text("voice").map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        String model = f.text("model").map(m -> m.trim().toLowerCase(java.util.Locale.ROOT)).filter(m -> !m.isEmpty())
                .orElse(null);
        if (model != null && !VOICE_MODELS.contains(model)) {
            String close = Suggest.closest(model, VOICE_MODELS).map(c -> "did you mean \"" + c + "\"? ").orElse("");
            f.error("model", Fields.quote(model) + " is not a voice model; " + close + "use one of: "
                    + String.join(", ", VOICE_MODELS));
        }
        com.fasterxml.jackson.databind.JsonNode settings = f.raw("model-settings");
        if (settings != null && !settings.isNull() && !settings.isObject()) {
            f.error("model-settings", "expected an object of the engine's settings, e.g. {\"stability\": 0.5}");
        }
        com.fasterxml.jackson.databind.JsonNode modelSettings = settings != null && settings.isObject()
                ? settings.deepCopy() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        double volume = f.range("volume", 1, 0, 10, " (1 = unchanged)");
        boolean muted = f.bool("muted", false);
        return Optional.of(new VoiceElement(path, id, timing, text, voice, model, modelSettings,
                new Playback(0, 1, volume, muted), cache));
    }

    private final SubtitleSettingsReader subtitleSettings = new SubtitleSettingsReader();

    private Optional<Element> subtitles(Fields f, Location path, String id, Timing timing, boolean cache) {
        String captions = f.text("captions").filter(c -> !c.isBlank()).orElse(null);
        boolean inline = captions != null && (captions.contains("\n") || captions.contains("\r"));
        String language = f.text("language").map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        String model = f.text("model").map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        SubtitleSettings settings = f.object("settings").map(s -> {
            SubtitleSettings read = subtitleSettings.read(s, f);
            s.finish();
            return read;
        }).orElseGet(() -> subtitleSettings.read(new Fields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode(), f.where().key("settings"), new java.util.ArrayList<>()), f));
        return Optional.of(new SubtitlesElement(path, id, timing, captions == null || inline ? null : captions.trim(),
                inline ? captions : null,
                language, model, settings, cache));
    }

    private static String src(Fields f) {
        return f.requiredText("src", "a http(s) URL or a file path relative to the movie file").orElse("");
    }

    private static Timing readTiming(Fields f) {
        double start = f.number("start", 0, d -> d >= 0, "a number of seconds ≥ 0");
        double duration = f.number("duration", Timing.AUTO, d -> d > 0 || d == Timing.AUTO || d == Timing.CONTAINER,
                "a number of seconds > 0, -1 (its own length) or -2 (to the end of its container)");
        double extra = f.number("extra-time", 0, d -> d >= 0, "a number of seconds ≥ 0");
        double fadeIn = f.number("fade-in", 0, d -> d >= 0, "a number of seconds ≥ 0");
        double fadeOut = f.number("fade-out", 0, d -> d >= 0, "a number of seconds ≥ 0");
        return new Timing(start, duration, extra, fadeIn, fadeOut);
    }

    private static Playback readPlayback(Fields f) {
        double seek = f.number("seek", 0, d -> d >= 0, "a number of seconds ≥ 0");
        int loop = f.integer("loop", 1, -1, 100_000);
        if (loop == 0) {
            f.error("loop", "expected the number of plays (1 = once) or -1 to repeat until the element ends, got 0");
            loop = 1;
        }
        double volume = f.range("volume", 1, 0, 10, " (1 = unchanged)");
        boolean muted = f.bool("muted", false);
        return new Playback(seek, loop, volume, muted);
    }

    private static Visual readVisual(Fields f) {
        return readVisual(f, false);
    }

    /** @param maskable whether the element takes a {@code mask} (pictures and videos) */
    private static Visual readVisual(Fields f, boolean maskable) {
        Position position = f.choice("position", Position.CUSTOM, Position.byWord());
        int x = (int) Math.round(f.number("x").orElse(0));
        int y = (int) Math.round(f.number("y").orElse(0));
        Integer width = boxSide(f, "width");
        Integer height = boxSide(f, "height");
        Optional<Fields> scale = f.object("scale");
        if (scale.isPresent()) {
            // JSON2Video's older spelling of the box's size.
            Integer sw = boxSide(scale.get(), "width");
            Integer sh = boxSide(scale.get(), "height");
            scale.get().finish();
            if ((width != null && sw != null && !width.equals(sw)) || (height != null && sh != null && !height.equals(sh))) {
                f.warning("scale", "width and height are also set and differ; width and height are used");
            }
            width = width != null ? width : sw;
            height = height != null ? height : sh;
        }
        Resize resize = f.choice("resize", Resize.COVER, RESIZE);
        Crop crop = f.object("crop").map(ElementReader::readCrop).orElse(null);
        boolean flipH = f.bool("flip-horizontal", false);
        boolean flipV = f.bool("flip-vertical", false);
        double opacity = f.range("opacity", 1, 0, 1, "");
        int zIndex = f.integer("z-index", 0, -99, 99);
        Effects effects = maskable ? EffectsReader.read(f, true) : EffectsReader.read(f);
        return new Visual(position, x, y, width, height, resize, crop, flipH, flipV, opacity, zIndex, effects);
    }

    private static Integer boxSide(Fields f, String key) {
        double v = f.number(key, -1, d -> d == -1 || d >= 1, "a size in pixels ≥ 1, or -1 to derive it");
        return v == -1 ? null : (int) Math.round(v);
    }

    private static Crop readCrop(Fields c) {
        int x = c.integer("x", 0, 0, 100_000);
        int y = c.integer("y", 0, 0, 100_000);
        int w = c.integer("width", 0, 1, 100_000);
        int h = c.integer("height", 0, 1, 100_000);
        if (!c.has("width") || !c.has("height")) {
            c.error(null, "a crop needs width and height (and optionally x, y) in source pixels");
        }
        c.finish();
        return new Crop(x, y, w, h);
    }
}
