package dev.moviola.template;

/** An expression used a variable that no scope defines. */
public final class UndefinedVariableException extends ExpressionException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public UndefinedVariableException(String name) {
        super("undefined variable " + Values.quote(name));
        this.name = name;
    }

    public String name() {
        return name;
    }
}
