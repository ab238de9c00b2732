package dev.crossfade.topology;

import java.util.List;
import java.util.stream.Collectors;

/** The topology file was rejected; {@link #problems()} lists every problem found, in file order. */
public final class TopologyException extends RuntimeException {

    private final transient List<Problem> problems;

    public TopologyException(String source, List<Problem> problems) {
        super("invalid topology " + source + ":\n" + problems.stream()
                .map(p -> "  - " + p)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
