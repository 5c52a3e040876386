package dev.moviola.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moviola.movie.component.ComponentDefinition;
import dev.moviola.movie.component.ComponentLibrary;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code moviola components [ID]}: the component ids with what they draw, or one component's settings groups. */
@Command(name = "components", mixinStandardHelpOptions = true,
        description = "List the components a movie may use (shipped, and yours from components-dir), or show one's "
                + "settings groups with their defaults (docs/format.md#components).")
final class ComponentsCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "ID", description = "a component id, e.g. basic/050")
    String id;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        ComponentLibrary library = common.settings().components();
        if (id == null) {
            for (ComponentDefinition d : library.all()) {
                System.out.printf("%-16s %s%n", d.id(), d.description());
            }
            return 0;
        }
        Optional<ComponentDefinition> found = library.get(id.trim().toLowerCase(java.util.Locale.ROOT));
        if (found.isEmpty()) {
            String pack = id.contains("/") ? id.substring(0, id.indexOf('/') + 1) : id;
            System.err.println("moviola: \"" + id + "\" is not a component; ids"
                    + (library.ids().stream().anyMatch(i -> i.startsWith(pack)) ? " in " + pack + ": " : ": ")
                    + String.join(", ", library.ids().stream().filter(i -> i.startsWith(pack)).findAny().isPresent()
                            ? library.ids().stream().filter(i -> i.startsWith(pack)).toList() : library.ids()));
            return 2;
        }
        ComponentDefinition d = found.get();
        System.out.println(d.id() + ": " + d.description());
        System.out.println("intro: " + Output.JSON.writeValueAsString(d.intro()) + " s" + (d.refused() == null ? ""
                : "\nnot drawn by this version: " + d.refused()));
        for (ComponentDefinition.Group g : d.orderedGroups()) {
            Integer n = d.numbered().get(g.name());
            System.out.println();
            System.out.println(n == null ? g.name() : g.name() + "1 … " + g.name() + n + " (each)");
            for (Iterator<Map.Entry<String, JsonNode>> it = g.defaults().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                System.out.printf("  %-18s %s%n", e.getKey(), Output.JSON.writeValueAsString(e.getValue()));
            }
            String others = String.join(", ", g.accepts().stream().filter(k -> !g.defaults().has(k)).toList());
            if (!others.isEmpty()) {
                System.out.println("  also takes: " + others);
            }
        }
        d.aliases().forEach((alias, target) -> System.out.println("\n" + alias + ": another name for " + target));
        return 0;
    }
}
