package dev.moviola.movie;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something placed in a scene (or over the whole movie): one record per element type of the format.
 * Every element knows where it came from in the document, so later stages can name it in errors.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = ImageElement.class, name = "image"),
    @JsonSubTypes.Type(value = VideoElement.class, name = "video"),
    @JsonSubTypes.Type(value = TextElement.class, name = "text"),
    @JsonSubTypes.Type(value = ComponentElement.class, name = "component"),
    @JsonSubTypes.Type(value = HtmlElement.class, name = "html"),
    @JsonSubTypes.Type(value = AudiogramElement.class, name = "audiogram"),
    @JsonSubTypes.Type(value = AudioElement.class, name = "audio"),
    @JsonSubTypes.Type(value = VoiceElement.class, name = "voice"),
    @JsonSubTypes.Type(value = SubtitlesElement.class, name = "subtitles")})
public sealed interface Element permits VisualElement, AudioElement, VoiceElement, SubtitlesElement {

    /** Where the element is in the author's document, e.g. {@code scenes[2].elements[0]}. */
    Location where();

    /** The author's id, or null. */
    String id();

    Timing timing();

    boolean cache();

    /** The format's name for this element type ({@code "image"}, {@code "text"}, …). */
    @JsonIgnore
    String type();

    /** This element with other timing (once {@code {{ id_end }}}-style variables are known). */
    Element withTiming(Timing timing);

    /** Whether it draws text, so the fonts installed where it renders are part of what it looks like. */
    default boolean usesFonts() {
        return false;
    }

    /**
     * Whether what it draws depends on the movie's mixed sound where it shows (an audiogram), so that sound, and where
     * its scene sits in the movie, are part of what it looks like.
     */
    default boolean showsSound() {
        return false;
    }

    /** A few words that tell it apart in the timeline report (a text's words); empty when its type says enough. */
    default String summary() {
        return "";
    }
}
