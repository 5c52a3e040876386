package dev.moviola.asset.speech;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The speech engines by the names a voice's {@code model} uses, each made on first use (a render without voices
 * makes none, and an engine's client is shared by every render of the process), and the default for voices that
 * name none.
 */
public final class SpeechEngines {
    private final Map<String, Supplier<SpeechEngine>> factories;
    private final String defaultModel;
    private final Map<String, SpeechEngine> made = new ConcurrentHashMap<>();

    /**
     * @param factories    how to make each engine, by model name ({@code local}, {@code azure}, …)
     * @param defaultModel the model of voices that name none
     */
    public SpeechEngines(Map<String, Supplier<SpeechEngine>> factories, String defaultModel) {
        this.factories = Map.copyOf(factories);
        this.defaultModel = defaultModel;
    }

    /** The model a voice with this {@code model} uses: its own, or the default. */
    public String modelOf(String model) {
        return model == null ? defaultModel : model;
    }

    /** The engine of a voice's {@code model} (null: the default). */
    public SpeechEngine engine(String model) throws SpeechException {
        String name = modelOf(model);
        Supplier<SpeechEngine> factory = factories.get(name);
        if (factory == null) {
            throw new SpeechException("there is no speech engine \"" + name + "\"; use one of " + String.join(", ",
                    new java.util.TreeSet<>(factories.keySet())));
        }
        return made.computeIfAbsent(name, n -> factory.get());
    }

    /** The default model when nothing is configured: Azure when its key is set, else the local engine. */
    public static String defaultModel(Optional<String> configured, boolean azureKeySet) {
        return configured.orElse(azureKeySet ? "azure" : "local");
    }
}
