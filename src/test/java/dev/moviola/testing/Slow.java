package dev.moviola.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that takes long on purpose (fuzzing thousands of inputs, killing and restarting a server, waiting out a
 * limit, fifty jobs at once). {@code mvn -B test} runs everything; {@code mvn -B test -DexcludedGroups=slow} leaves
 * these out for a quick loop.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface Slow {
}
