package dev.crossfade.bench.synth;

import dev.crossfade.bench.Figure;
import dev.crossfade.bench.Stats;
import dev.crossfade.infra.CrossfadeApp;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Synthesis time and total template size for generated topologies of 2, 4 and 8 regions,
 * through {@code CrossfadeApp.synth(Topology, Path)} (the CLI's entry point, cdk-nag included).
 * One unmeasured synthesis first starts the jsii runtime (a Node.js process), which every
 * later synthesis in the JVM reuses; the cost of that start is reported on its own row.
 */
public final class SynthesisBenchmark {

    public static final List<Integer> REGION_COUNTS = List.of(2, 4, 6, 8);

    public record Point(int regions, double medianMs, long templateBytes, int templates) {}

    private final Path workDir;
    private final int repetitions;

    public SynthesisBenchmark(Path workDir, int repetitions) {
        this.workDir = workDir;
        this.repetitions = repetitions;
    }

    public List<Figure> run() {
        long coldStart = System.nanoTime();
        synthesize(2, "warmup");
        double firstMs = (System.nanoTime() - coldStart) / 1e6;
        List<Point> points = new ArrayList<>();
        List<Figure> failures = new ArrayList<>();
        for (int n : REGION_COUNTS) {
            List<Double> times = new ArrayList<>();
            long bytes = 0;
            int templates = 0;
            try {
                for (int rep = 0; rep < repetitions; rep++) {
                    Path out = workDir.resolve("synth-" + n + "-" + rep);
                    long start = System.nanoTime();
                    synthesize(n, out.getFileName().toString());
                    times.add((System.nanoTime() - start) / 1e6);
                    bytes = templateBytes(out);
                    templates = templateCount(out);
                }
                points.add(new Point(n, Stats.median(times), bytes, templates));
            } catch (RuntimeException e) {
                // a size the app cannot synthesize is a finding, not a figure; the growth rows use the sizes that worked
                failures.add(Figure.notMeasured("synthesis, " + n + " regions", "linear in regions", "synthesis fails: " + firstLines(e.getMessage())));
            }
        }
        if (points.size() < 2) {
            return failures;
        }
        List<Figure> rows = new ArrayList<>(figures(firstMs, points));
        rows.addAll(failures);
        return rows;
    }

    /** The first two lines of a jsii validation error: its headline and the first construct it names. */
    static String firstLines(String message) {
        if (message == null) {
            return "no message";
        }
        String[] lines = message.strip().split("\\R");
        return lines.length < 2 ? lines[0] : lines[0] + " " + lines[1].strip();
    }


    /** Rows: each size with its per-region ratios, then the growth verdicts (8 vs 2 regions against 4x). */
    static List<Figure> figures(double firstMs, List<Point> points) {
        List<Figure> rows = new ArrayList<>();
        rows.add(Figure.info("synthesis, first in a JVM (2 regions, jsii/Node start included)", ms(firstMs), "unmeasured warm-up of the rows below"));
        Point base = points.get(0);
        for (Point p : points) {
            rows.add(Figure.info("synthesis, " + p.regions() + " regions", ms(p.medianMs()) + ", " + p.templateBytes() + " bytes in "
                    + p.templates() + " templates", String.format(Locale.ROOT, "%.0f ms and %d bytes per region; time x%.2f, bytes x%.2f vs %d regions",
                    p.medianMs() / p.regions(), p.templateBytes() / p.regions(), p.medianMs() / base.medianMs(),
                    (double) p.templateBytes() / base.templateBytes(), base.regions())));
        }
        Point last = points.get(points.size() - 1);
        double linear = (double) last.regions() / base.regions();
        double timeGrowth = last.medianMs() / base.medianMs();
        double byteGrowth = (double) last.templateBytes() / base.templateBytes();
        rows.add(Figure.against("synthesis time growth, " + base.regions() + " -> " + last.regions() + " regions",
                String.format(Locale.ROOT, "x%.2f", timeGrowth), String.format(Locale.ROOT, "<= x%.1f (linear)", linear), timeGrowth <= linear, ""));
        rows.add(Figure.against("template size growth, " + base.regions() + " -> " + last.regions() + " regions",
                String.format(Locale.ROOT, "x%.3f", byteGrowth), String.format(Locale.ROOT, "<= x%.1f (linear)", linear), byteGrowth <= linear,
                quadraticNote(points)));
        return rows;
    }

    /**
     * With three sizes, the quadratic term of bytes = a + b*N + c*N^2 through them: what each
     * region adds to every other region's template (names of peers, their CIDRs); empty otherwise.
     */
    static String quadraticNote(List<Point> p) {
        if (p.size() < 3) {
            return "";
        }
        double n0 = p.get(0).regions(), n1 = p.get(1).regions(), n2 = p.get(2).regions();
        double s01 = (p.get(1).templateBytes() - p.get(0).templateBytes()) / (n1 - n0);
        double s12 = (p.get(2).templateBytes() - p.get(1).templateBytes()) / (n2 - n1);
        double c = (s12 - s01) / (n2 - n0);
        double b = s01 - c * (n0 + n1);
        return String.format(Locale.ROOT, "fit: %.0f bytes per region + %.1f bytes x regions^2 (cross-region references)", b, c);
    }

    private void synthesize(int regions, String dir) {
        Topology topology = TopologyGenerator.regions(regions);
        CrossfadeApp.synth(topology, workDir.resolve(dir));
    }

    static long templateBytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".template.json")).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int templateCount(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".template.json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.0f ms", v);
    }
}
