package dev.moviola.template;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * Evaluates the expressions of {@code {{ }}} templates and conditions (docs/format.md#expressions): literals, arithmetic,
 * comparisons, {@code and or not}, {@code c ? a : b}, variables with dot and index access, and the functions
 * of {@link Functions}. Built on Apache Commons JEXL with every scripting feature switched off (no loops,
 * assignments, method calls, {@code new}, lambdas, literals of collections, pragmas) and permissions that
 * admit only reading JSON values and calling {@link Functions}: no expression can reach a Java class, the
 * file system or the network. Bounded: at most {@value #MAX_LENGTH} characters, {@value #MAX_DEPTH} levels of
 * nesting, no loops, and texts of at most a megabyte, so every evaluation ends quickly. Thread-safe.
 */
public final class Expressions {
    static final int MAX_LENGTH = 2000;
    static final int MAX_DEPTH = 32;

    private static final JexlEngine ENGINE = engine();

    private Expressions() {
    }

    /**
     * @throws UndefinedVariableException when a variable is not defined in any scope
     * @throws ExpressionException        for anything else: syntax, types, forbidden constructs
     */
    public static Object evaluate(String expression, Scope scope) throws ExpressionException {
        String text = expression.trim();
        check(text);
        JexlExpression compiled;
        try {
            compiled = ENGINE.createExpression(protectNames(text));
        } catch (JexlException e) {
            throw new ExpressionException("cannot read " + Values.quote(text) + ": " + plain(describe(e)));
        } catch (StackOverflowError e) {
            throw new ExpressionException(Values.quote(text) + " is nested too deeply");
        }
        try {
            Object value = compiled.evaluate(new ScopeContext(scope));
            return value instanceof Number ? Values.number(value) : value;
        } catch (JexlException.Variable e) {
            if (e.isUndefined()) {
                throw new UndefinedVariableException(unprotect(e.getVariable()));
            }
            throw new ExpressionException("in " + Values.quote(text) + ": " + plain(describe(e)));
        } catch (JexlException.Property e) {
            // A path through an undefined variable ({{ missing.field }}, {{ missing[0] }}) fails on the path's first
            // step: the variable is what is undefined (falsy in a condition, an error naming it elsewhere).
            String undefined = undefinedRoot(compiled, scope);
            if (undefined != null && !e.isUndefined()) {
                throw new UndefinedVariableException(undefined);
            }
            throw new ExpressionException("in " + Values.quote(text) + ": " + plain(describe(e)));
        } catch (JexlException e) {
            throw new ExpressionException("in " + Values.quote(text) + ": " + plain(describe(e)));
        } catch (ArithmeticException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new ExpressionException("in " + Values.quote(text) + ": " + plain(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new ExpressionException(Values.quote(text) + " is nested too deeply");
        }
    }

    /** The first variable the expression reads through a path ({@code a.b}, {@code a[0]}) that no scope defines, or null. */
    private static String undefinedRoot(JexlExpression compiled, Scope scope) {
        if (compiled instanceof org.apache.commons.jexl3.JexlScript script) {
            for (List<String> path : script.getVariables()) {
                String root = unprotect(path.get(0));
                if (path.size() > 1 && !scope.has(root)) {
                    return root;
                }
            }
        }
        return null;
    }

    /**
     * Words the engine reserves for itself but that are fine variable names in a movie ({@code size},
     * {@code empty}, {@code div}…). Where one is used as a variable it is renamed to a private alias, which the
     * context maps back, so {@code {{ size }}} reads the variable "size".
     */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("empty", "size", "new", "var", "let",
            "const", "function", "return", "if", "else", "for", "while", "do", "break", "continue", "eq", "ne", "lt",
            "le", "gt", "ge", "div", "mod", "instanceof", "try", "catch", "finally", "throw", "switch", "case",
            "default", "import", "pragma", "typeof", "in");
    private static final String ALIAS = "__name_";
    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static String protectNames(String text) {
        StringBuilder out = new StringBuilder(text.length());
        char quote = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                i++;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
                i++;
                continue;
            }
            java.util.regex.Matcher m = WORD.matcher(text).region(i, text.length());
            if (m.lookingAt()) {
                String word = m.group();
                boolean property = lastNonSpace(out) == '.';
                out.append(RESERVED.contains(word) && !property ? ALIAS + word : word);
                i = m.end();
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static char lastNonSpace(StringBuilder sb) {
        for (int i = sb.length() - 1; i >= 0; i--) {
            if (!Character.isWhitespace(sb.charAt(i))) {
                return sb.charAt(i);
            }
        }
        return 0;
    }

    private static String unprotect(String name) {
        return name.startsWith(ALIAS) ? name.substring(ALIAS.length()) : name;
    }

    /** Length, nesting and a few characters that only other languages use, refused before parsing. */
    private static void check(String text) throws ExpressionException {
        if (text.isEmpty()) {
            throw new ExpressionException("the expression is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException("the expression is " + text.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '(', '[' -> {
                    if (++depth > MAX_DEPTH) {
                        throw new ExpressionException("the expression nests deeper than " + MAX_DEPTH + " levels");
                    }
                }
                case ')', ']' -> depth--;
                case '`', ';', '{', '}', '#', '@', '$', '=' -> {
                    boolean comparison = c == '=' && (i > 0 && "=!<>".indexOf(text.charAt(i - 1)) >= 0
                            || i + 1 < text.length() && text.charAt(i + 1) == '=');
                    if (!comparison) {
                        throw new ExpressionException("\"" + c + "\" is not part of the expression language"
                                + (c == '=' ? " (compare with ==)" : ""));
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Engine messages that name its Java types or internals, which mean nothing to an author. */
    private static final java.util.regex.Pattern ENGINE_TALK = java.util.regex.Pattern.compile(
            "(?s).*(\\b(java|javax|org\\.apache|dev\\.moviola)\\.[a-z]|coercion|JEXL|[A-Za-z]\\$[A-Z]).*");

    /**
     * A reason fit for a message: short (a value it quotes may be a megabyte of text), and never the engine's
     * own words about Java types.
     */
    private static String plain(String reason) {
        if (reason == null || reason.isBlank() || ENGINE_TALK.matcher(reason).matches()) {
            return "the values cannot be combined that way";
        }
        return Values.abbreviate(reason, 300);
    }

    private static String describe(JexlException e) {
        if (String.valueOf(e.getMessage()).contains("null operand")) {
            return "arithmetic needs numbers, not null";
        }
        Throwable cause = e.getCause();
        if (cause instanceof Values.MissingKeyException m) {
            return m.getMessage();
        }
        if (cause instanceof IndexOutOfBoundsException) {
            return "there is no item at that index" + (e instanceof JexlException.Property p ? " (" + p.getProperty() + ")" : "");
        }
        if (cause != null && cause.getMessage() != null && !(cause instanceof JexlException)) {
            return cause.getMessage();
        }
        if (e instanceof JexlException.Property p) {
            return "there is no \"" + p.getProperty() + "\" there";
        }
        if (e instanceof JexlException.Method m) {
            return "there is no function \"" + m.getMethod() + "\"; use min, max, ceil, floor, round, abs, len, upper or lower";
        }
        if (e instanceof JexlException.Feature) {
            return "only arithmetic, comparisons, and/or/not, ?:, variables and the functions min, max, ceil, floor, "
                    + "round, abs, len, upper and lower are allowed";
        }
        String m = e.getMessage();
        int at = m == null ? -1 : m.indexOf(' ', m.indexOf('@') + 1);
        return m == null ? e.getClass().getSimpleName() : at > 0 && m.contains("@") ? m.substring(at + 1) : m;
    }

    /** The document's variables as JEXL sees them: read-only. */
    private static final class ScopeContext implements JexlContext {
        private final Scope scope;

        ScopeContext(Scope scope) {
            this.scope = scope;
        }

        @Override
        public Object get(String name) {
            return scope.get(unprotect(name));
        }

        @Override
        public void set(String name, Object value) {
            throw new UnsupportedOperationException("expressions cannot assign variables");
        }

        @Override
        public boolean has(String name) {
            return scope.has(unprotect(name));
        }
    }

    /** Reading JSON values (maps and lists) and calling {@link Functions}; nothing else is visible. */
    private static final class OnlyJsonAndFunctions implements JexlPermissions {
        @Override
        public boolean allow(Package pack) {
            return pack != null && (pack.getName().equals("java.util") || pack == Functions.class.getPackage());
        }

        @Override
        public boolean allow(Class<?> clazz) {
            return clazz == Functions.class || Map.class.isAssignableFrom(clazz) || List.class.isAssignableFrom(clazz);
        }

        @Override
        public boolean allow(Constructor<?> ctor) {
            return false;
        }

        @Override
        public boolean allow(Method method) {
            Class<?> owner = method.getDeclaringClass();
            if (owner == Functions.class) {
                return Modifier.isStatic(method.getModifiers());
            }
            return method.getName().equals("get") && (Map.class.isAssignableFrom(owner) || List.class.isAssignableFrom(owner));
        }

        @Override
        public boolean allow(Field field) {
            return false;
        }

        @Override
        public JexlPermissions compose(String... src) {
            return this;
        }
    }

    private static JexlEngine engine() {
        Map<String, Object> namespaces = new HashMap<>();
        namespaces.put(null, Functions.class);
        return new JexlBuilder()
                .features(JexlFeatures.createNone())
                .permissions(new OnlyJsonAndFunctions())
                .namespaces(namespaces)
                .arithmetic(new SafeArithmetic())
                .strict(true).safe(false).silent(false).antish(false).debug(false)
                .stackOverflow(256)
                .cache(1024)
                .create();
    }
}
