package dev.crossfade.cli.drill;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * What a real failover adds when its workflow functions are cold: the drill runs the handlers warm
 * in one JVM, while on Lambda each step of the path starts cold (they run only during failovers).
 * The cost is a constant measured by bench/'s critical-path benchmark (BENCHMARKS.md section 6),
 * which writes it to {@value #RESOURCE} with the date and machine it was measured on.
 *
 * @param coldStartMillis the sum over the seed's failover path of (cold run - warm handling), every
 *                        function cold in sequence (what a run pays when its pre-warm does not help)
 * @param preWarmedColdStartMillis the same path with the run's pre-warm (the ASL's PreWarm state, as
 *                        deployed): every function started in parallel when the run starts; empty if
 *                        not measured
 */
record ColdFunctions(long coldStartMillis, int steps, String measuredOn, String machine, java.util.OptionalLong preWarmedColdStartMillis) {

    ColdFunctions(long coldStartMillis, int steps, String measuredOn, String machine) {
        this(coldStartMillis, steps, measuredOn, machine, java.util.OptionalLong.empty());
    }

    static final String RESOURCE = "critical-path-cold-starts.properties";

    static ColdFunctions measured() {
        Properties p = new Properties();
        try (InputStream in = ColdFunctions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the drill's resource " + RESOURCE + " is missing; bench/run-benchmarks.sh --only criticalpath writes it");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
        String preWarmed = p.getProperty("preWarmedColdStartMillis");
        return new ColdFunctions(Long.parseLong(p.getProperty("coldStartMillis").trim()), Integer.parseInt(p.getProperty("steps").trim()),
                p.getProperty("measuredOn"), p.getProperty("machine"),
                preWarmed == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(Long.parseLong(preWarmed.trim())));
    }

    /** The summary's line: the real-world RTO with the cold starts added, and where the constant comes from. */
    String line(long equivalentRtoMillis) {
        String line = String.format(Locale.ROOT, "With cold functions: %s at real-world intervals (+%s: %d workflow cold starts in sequence,"
                        + " measured on %s on %s; the drill itself runs them warm)%n",
                TimelineSummary.seconds(equivalentRtoMillis + coldStartMillis), TimelineSummary.seconds(coldStartMillis), steps, measuredOn, machine);
        if (preWarmedColdStartMillis.isPresent()) {
            long preWarmed = preWarmedColdStartMillis.getAsLong();
            line += String.format(Locale.ROOT, "  with the run's pre-warm (as deployed): %s (+%s: the %d functions started in parallel when the run"
                            + " starts, measured the same way, all on this machine's cores; on Lambda each has its own)%n",
                    TimelineSummary.seconds(equivalentRtoMillis + preWarmed), TimelineSummary.seconds(preWarmed), steps);
        }
        return line;
    }
}
