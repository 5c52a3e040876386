package dev.moviola.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Variables visible at one place of the document: its own, then those of the enclosing scopes (element →
 * iterate item → scene → movie). Immutable.
 */
public final class Scope {
    public static final Scope EMPTY = new Scope(Map.of(), null);

    private final Map<String, Object> variables;
    private final Scope parent;

    private Scope(Map<String, Object> variables, Scope parent) {
        this.variables = variables;
        this.parent = parent;
    }

    /** A scope inside this one; its variables shadow this one's. */
    public Scope with(Map<String, Object> inner) {
        return inner.isEmpty() ? this : new Scope(Collections.unmodifiableMap(new LinkedHashMap<>(inner)), this);
    }

    public boolean has(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.variables.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the innermost definition (null when undefined: ask {@link #has} to tell the two apart). */
    public Object get(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.variables.containsKey(name)) {
                return s.variables.get(name);
            }
        }
        return null;
    }
}
