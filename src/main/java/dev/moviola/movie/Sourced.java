package dev.moviola.movie;

import java.util.List;
import java.util.function.UnaryOperator;

/** An element that reads files: its sources are made local (fetched, probed, checked) before it renders. */
public interface Sourced {

    /** The files it reads, in a fixed order (the main one first); empty when it reads none. */
    List<Source> sources();

    /**
     * This element with each of its sources renamed ({@code src} → {@code rename.apply(src)}): how a render plan
     * names sources by content, so that it holds no local path and renders the same on any machine.
     */
    Element withSources(UnaryOperator<String> rename);
}
