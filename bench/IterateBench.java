import dev.moviola.asset.Assets;
import dev.moviola.config.Settings;
import dev.moviola.pipeline.Document;
import dev.moviola.pipeline.Pipeline;
import dev.moviola.plan.PlanCompiler;
import dev.moviola.plan.RenderPlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How long a 1 000-item iterate takes to compile: template expansion (variables, expressions, a condition per
 * scene), validation, and planning. No rendering; the movie has no sources, so nothing is fetched.
 * Run with bench/templating.sh.
 */
public class IterateBench {
    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        StringBuilder rooms = new StringBuilder("[");
        for (int i = 0; i < items; i++) {
            rooms.append(i == 0 ? "" : ",").append("{\"name\":\"Room ").append(i).append("\",\"price\":").append(1000 + i)
                    .append(",\"featured\":").append(i % 3 == 0).append('}');
        }
        rooms.append(']');
        String json = """
                {"variables": {"rooms": %s, "currency": "EUR"},
                 "scenes": [{"iterate": "rooms", "iterate-as": "room", "duration": "{{ room.featured ? 3 : 2 }}",
                   "background-color": "{{ index %% 2 == 0 ? '#101828' : '#1e3a8a' }}",
                   "elements": [
                     {"type": "text", "text": "{{ upper(room.name) }} ({{ index + 1 }} of {{ count }})", "position": "top-left"},
                     {"type": "text", "text": "{{ round(room.price * 1.2, 2) }} {{ currency }}", "position": "bottom-right"},
                     {"type": "text", "condition": "{{ room.featured }}", "text": "Featured"}]}]}""".formatted(rooms);
        Settings settings = Settings.load(Map.of("max-scenes", Integer.toString(items), "max-duration", "36000"), System.getenv());
        List<Double> times = new ArrayList<>();
        int scenes = 0;
        for (int run = 0; run < 12; run++) {
            long t0 = System.nanoTime();
            Document d = Pipeline.read(json, settings);
            RenderPlan plan = new PlanCompiler(settings.limits()).compile(d.draft().movie(), Assets.NONE);
            times.add((System.nanoTime() - t0) / 1e6);
            scenes = plan.scenes().size();
        }
        double cold = times.get(0);
        List<Double> warm = new ArrayList<>(times.subList(2, times.size()));
        Collections.sort(warm);
        System.out.printf("%d-item iterate → %d scenes: first run %.0f ms (cold JVM), then median %.0f ms (min %.0f, max %.0f) over %d runs%n",
                items, scenes, cold, warm.get(warm.size() / 2), warm.get(0), warm.get(warm.size() - 1), warm.size());
    }
}
