package dev.moviola.template;

import com.fasterxml.jackson.core.JsonPointer;
import dev.moviola.movie.Location;

/**
 * A value that uses element timing variables ({@code {{ intro_end }}}), which are known only once the
 * sources' lengths are: rendered later, with the scope it was written in.
 *
 * @param pointer  where the value is in the expanded document
 * @param where    where it is in the author's document, for messages
 * @param template the string as written
 * @param scene    index of the expanded scene it belongs to, or -1 at movie level (timing variables are looked
 *                 up in the same scene first)
 */
public record Deferred(JsonPointer pointer, Location where, String template, Scope scope, int scene) {
}
