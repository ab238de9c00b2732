package dev.crossfade.cli.remote;

import java.io.Console;
import java.util.Optional;

/** Asks the operator a question on the terminal; empty when there is no terminal to ask on. */
@FunctionalInterface
public interface Confirmer {

    Optional<String> ask(String prompt);

    /** The process's terminal, if stdin and stdout are one. */
    Confirmer TERMINAL = prompt -> {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return Optional.empty();
        }
        return Optional.ofNullable(console.readLine("%s", prompt)).map(String::strip);
    };

    /** JDK 22+ returns a console for redirected streams too; Console.isTerminal() tells them apart. */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }
}
