package dev.moviola.template;

/** An expression could not be evaluated; the message says why in the author's terms. */
public class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message);
    }
}
