package dev.moviola.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moviola.movie.VisualElement;
import java.util.Locale;

/**
 * The resolved timeline of a plan, for people (a table) and programs (JSON). Times are movie seconds. One place for
 * both {@code moviola validate} and the service's {@code POST /v1/validate}, so that they show the same timeline.
 */
public final class TimelineReport {
    private TimelineReport() {
    }

    public static String text(RenderPlan plan) {
        StringBuilder sb = new StringBuilder();
        var o = plan.output();
        sb.append(String.format(Locale.ROOT, "movie  %dx%d, %s fps, quality %s, %.3f s (%d frames), %d scene%s%n",
                o.width(), o.height(), o.fps(), o.quality().name().toLowerCase(Locale.ROOT), plan.duration(),
                plan.frames(), plan.scenes().size(), plan.scenes().size() == 1 ? "" : "s"));
        for (ScenePlan s : plan.scenes()) {
            double start = o.fps().timeOf(s.startFrame());
            sb.append(String.format(Locale.ROOT, "%-22s %8.3f – %8.3f s  %5d frames  background %s%n",
                    s.label(), start, o.fps().timeOf(s.startFrame() + s.frames()), s.frames(), s.background()));
            for (Layer l : s.layers()) {
                VisualElement e = l.element();
                sb.append(String.format(Locale.ROOT, "  %-6s %-28s %8.3f – %8.3f s  z %d%s%n", e.type(), e.where(),
                        o.fps().timeOf(s.startFrame() + l.fromFrame()), o.fps().timeOf(s.startFrame() + l.toFrame()),
                        e.visual().zIndex(), describe(e)));
            }
        }
        for (var track : plan.captions()) {
            sb.append(String.format(Locale.ROOT, "captions %-30s %8.3f – %8.3f s  %s%n", track.source(), track.from(),
                    track.to(), track.transcription() != null ? "to transcribe from the sound"
                            : track.captions().cues().size() + " cues"));
        }
        if (!plan.audio().isEmpty()) {
            sb.append("sound\n");
            for (AudioTrack t : plan.audio()) {
                sb.append(String.format(Locale.ROOT, "  %-35s %8.3f – %8.3f s  volume %s%n", t.source(), t.start(),
                        t.start() + t.play(), t.gain()));
            }
        }
        return sb.toString();
    }

    public static ObjectNode json(RenderPlan plan) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        var o = plan.output();
        root.put("width", o.width()).put("height", o.height()).put("fps", o.fps().toString())
                .put("quality", o.quality().name().toLowerCase(Locale.ROOT))
                .put("duration", plan.duration()).put("frames", plan.frames());
        ArrayNode scenes = root.putArray("scenes");
        for (ScenePlan s : plan.scenes()) {
            ObjectNode sn = scenes.addObject();
            sn.put("index", s.index()).put("id", s.id()).put("path", s.path())
                    .put("start", o.fps().timeOf(s.startFrame()))
                    .put("duration", o.fps().timeOf(s.frames())).put("frames", s.frames())
                    .put("background", s.background().toString());
            ArrayNode layers = sn.putArray("layers");
            for (Layer l : s.layers()) {
                layers.addObject().put("type", l.element().type()).put("path", l.element().where().toString())
                        .put("start", o.fps().timeOf(s.startFrame() + l.fromFrame()))
                        .put("end", o.fps().timeOf(s.startFrame() + l.toFrame()))
                        .put("zIndex", l.element().visual().zIndex());
            }
        }
        ArrayNode captions = root.putArray("captions");
        for (var track : plan.captions()) {
            ObjectNode c = captions.addObject().put("path", track.source()).put("start", track.from()).put("end", track.to())
                    .put("transcribed", track.transcription() != null);
            ArrayNode cues = c.putArray("cues");
            track.captions().cues().forEach(q -> cues.addObject().put("start", q.start()).put("end", q.end())
                    .put("text", String.join(" ", q.words().stream().map(w -> w.text()).toList())));
        }
        ArrayNode audio = root.putArray("audio");
        for (AudioTrack t : plan.audio()) {
            audio.addObject().put("path", t.source()).put("start", t.start()).put("end", t.start() + t.play())
                    .put("volume", t.gain());
        }
        return root;
    }

    private static String describe(VisualElement e) {
        return e.summary().isEmpty() ? "" : "  " + e.summary();
    }
}
