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
 * @param coldStartMillis the sum over the seed's failover path of (cold run - warm handling), as deployed
 */
record ColdFunctions(long coldStartMillis, int steps, String measuredOn, String machine) {

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
        return new ColdFunctions(Long.parseLong(p.getProperty("coldStartMillis").trim()), Integer.parseInt(p.getProperty("steps").trim()),
                p.getProperty("measuredOn"), p.getProperty("machine"));
    }

    /** The summary's line: the real-world RTO with the cold starts added, and where the constant comes from. */
    String line(long equivalentRtoMillis) {
        return String.format(Locale.ROOT, "With cold functions: %s at real-world intervals (+%s: %d workflow cold starts in sequence,"
                        + " measured on %s on %s; the drill itself runs them warm)%n",
                TimelineSummary.seconds(equivalentRtoMillis + coldStartMillis), TimelineSummary.seconds(coldStartMillis), steps, measuredOn, machine);
    }
}
