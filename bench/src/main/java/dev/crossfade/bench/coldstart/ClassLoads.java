package dev.crossfade.bench.coldstart;

import dev.crossfade.bench.coldstart.child.ColdStartChild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the classes a cold start loads, split into init (class loading and constructor of the
 * handler) and the first event, grouped by package: one child per variant, as the cold-start
 * benchmark spawns it, with {@code -Xlog:class+load} and the child's first-event mark. Counting,
 * not timing: the log itself slows the child.
 */
public final class ClassLoads {

    /** {@code [0.012s][info][class,load] java.lang.Object source: shared objects file}; a hidden class has no source. */
    private static final Pattern LINE = Pattern.compile("^\\[[^]]*]\\[info]\\[class,load] (\\S+)(?: source: (.*))?$");
    private static final String MARK = ColdStartChild.FirstEvent.class.getName();

    /** Classes loaded in one phase: the total, those from the deployable's jar(s), and per package. */
    public record Phase(int total, int fromJar, Map<String, Integer> packages) {
        /** The {@code n} largest packages, largest first (ties by name). */
        public List<Map.Entry<String, Integer>> top(int n) {
            return packages.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(n).toList();
        }

        /** Classes in the packages that start with {@code prefix}. */
        public int under(String prefix) {
            return packages.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
        }
    }

    /** One cold start's class loads, before and after the first-event mark. */
    public record Count(String variant, Phase init, Phase firstEvent) {}

    private ClassLoads() {}

    /** Spawns each variant once (against fresh resources in the emulator at {@code endpoint}) with the class-load log on. */
    public static List<Count> count(URI endpoint, Path workDir, Path java, Path eventFile, List<Variant> variants) {
        List<Count> counts = new ArrayList<>();
        for (Variant v : variants) {
            Path log = workDir.resolve("classes-" + v.name().replaceAll("[^A-Za-z0-9]+", "-") + ".log");
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> flags = new ArrayList<>(v.jvmFlags());
            flags.add("-Xlog:class+load=info:file=" + log);
            flags.add("-D" + ColdStartChild.MARK_FIRST_EVENT + "=true");
            Variant logged = new Variant(v.name(), v.classpath(), v.handler(), flags, v.training(), v.expected());
            // runs = 0: the unmeasured round only, one child
            new ColdStartBenchmark(endpoint, workDir, java, eventFile, 0).run(List.of(logged));
            try {
                counts.add(parse(v.name(), Files.readAllLines(log)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return counts;
    }

    /** Splits a {@code -Xlog:class+load} log at the child's first-event mark. */
    static Count parse(String variant, List<String> log) {
        Map<String, Integer> init = new TreeMap<>();
        Map<String, Integer> event = new TreeMap<>();
        int[] jar = new int[2];
        boolean marked = false;
        for (String line : log) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            if (name.equals(MARK)) {
                marked = true;
                continue;
            }
            String source = m.group(2) == null ? "" : m.group(2);
            (marked ? event : init).merge(packageOf(name), 1, Integer::sum);
            if (source.startsWith("file:") || source.startsWith("jar:")) {
                jar[marked ? 1 : 0]++;
            }
        }
        if (!marked) {
            throw new IllegalStateException(variant + ": no first-event mark (" + MARK + ") in the class-load log");
        }
        return new Count(variant, new Phase(sum(init), jar[0], init), new Phase(sum(event), jar[1], event));
    }

    /** The package of a class name; lambda forms and hidden classes ({@code Foo$$Lambda/0x...}) count in their host's package. */
    static String packageOf(String className) {
        String name = className.contains("/") ? className.substring(0, className.indexOf('/')) : className;
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "(default)" : name.substring(0, dot);
    }

    private static int sum(Map<String, Integer> packages) {
        return packages.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A Markdown report: per variant, totals and the {@code top} largest packages of each phase. */
    public static String report(List<Count> counts, int top) {
        StringBuilder b = new StringBuilder("| variant | init: classes (from the jar) | first event: classes (from the jar) |\n|---|---|---|\n");
        for (Count c : counts) {
            b.append(String.format(Locale.ROOT, "| %s | %d (%d) | %d (%d) |%n", c.variant(), c.init().total(), c.init().fromJar(),
                    c.firstEvent().total(), c.firstEvent().fromJar()));
        }
        for (Count c : counts) {
            for (var phase : List.of(Map.entry("init", c.init()), Map.entry("first event", c.firstEvent()))) {
                b.append(String.format(Locale.ROOT, "%n%s, %s: %d classes; largest packages:%n", c.variant(), phase.getKey(), phase.getValue().total()));
                for (Map.Entry<String, Integer> e : phase.getValue().top(top)) {
                    b.append(String.format(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey()));
                }
            }
        }
        return b.toString();
    }
}
