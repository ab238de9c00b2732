package dev.crossfade.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ASL file of {@code statemachines/} with its {@code ${...}} placeholders, substituted as CDK's definitionSubstitutions do. */
public final class StateMachineFile {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final String text;

    private StateMachineFile(String text) {
        this.text = text;
    }

    public static StateMachineFile load(String name) {
        Path file = repoRoot().resolve("statemachines").resolve(name);
        try {
            return new StateMachineFile(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static Path repoRoot() {
        String root = System.getProperty("crossfade.repoRoot");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    }

    public Set<String> placeholders() {
        Set<String> keys = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** The definition with every placeholder replaced; a placeholder without a value is an error, as in CloudFormation. */
    public String substitute(Map<String, String> values) {
        Set<String> missing = new TreeSet<>(placeholders());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no substitution for " + missing);
        }
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
    }
}
