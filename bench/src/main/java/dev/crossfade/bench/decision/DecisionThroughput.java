package dev.crossfade.bench.decision;

import dev.crossfade.bench.Figure;
import dev.crossfade.bench.RepoFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link DecisionEngineBenchmark} briefly (one fork; sized for a 2-core machine) and reports score ± error. */
public final class DecisionThroughput {

    private DecisionThroughput() {}

    public static List<Figure> run(Path root, int forks, int warmups, int iterations) {
        Options options = new OptionsBuilder()
                .include(DecisionEngineBenchmark.class.getName())
                .forks(forks).warmupIterations(warmups).measurementIterations(iterations)
                .warmupTime(TimeValue.seconds(2)).measurementTime(TimeValue.seconds(2))
                .threads(1)
                .jvmArgsAppend("-D" + RepoFiles.PROPERTY + "=" + root)
                .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
        List<Figure> rows = new ArrayList<>();
        for (RunResult r : results) {
            var primary = r.getPrimaryResult();
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            rows.add(Figure.info("decision engine throughput, " + method, String.format(Locale.ROOT, "%,.0f ± %,.0f %s",
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit()),
                    "JMH, " + forks + " fork, " + warmups + "x2 s warm-up, " + iterations + "x2 s measured, 1 thread; error = 99.9% confidence half-width"));
        }
        return rows;
    }
}
