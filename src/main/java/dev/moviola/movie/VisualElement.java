package dev.moviola.movie;

/** An element that draws pixels: it has a box, a z-index, opacity and the other visual properties. */
public sealed interface VisualElement extends Element permits ImageElement, VideoElement, TextElement,
        AudiogramElement, ComponentElement, HtmlElement {
    Visual visual();
}
