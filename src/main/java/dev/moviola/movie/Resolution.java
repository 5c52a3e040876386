package dev.moviola.movie;

import java.util.LinkedHashMap;
import java.util.Map;

/** The output frame size, with the preset name it came from ({@code custom} otherwise). */
public record Resolution(String name, int width, int height) {

    public static final Resolution DEFAULT = new Resolution("custom", 640, 360);

    /** The format's named sizes, in documentation order. */
    public static final Map<String, Resolution> PRESETS = presets();

    private static Map<String, Resolution> presets() {
        Map<String, Resolution> m = new LinkedHashMap<>();
        for (Resolution r : new Resolution[] {
            new Resolution("sd", 640, 360), new Resolution("hd", 1280, 720), new Resolution("full-hd", 1920, 1080),
            new Resolution("squared", 1080, 1080), new Resolution("instagram-story", 1080, 1920),
            new Resolution("instagram-feed", 1080, 1080), new Resolution("instagram-portrait", 1080, 1920),
            new Resolution("twitter-landscape", 1600, 900), new Resolution("twitter-portrait", 1080, 1350)}) {
            m.put(r.name(), r);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
