package dev.crossfade.cli.drill;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crossfade.topology.Topology;
import java.util.Locale;
import java.util.Optional;

/**
 * What a promotion takes on AWS, as AWS documents it: a model, not a measurement. The lab promotes
 * a local PostgreSQL server in seconds; RDS reboots a promoted read replica ("several minutes or
 * longer") and Aurora promotes a global database's secondary in about a minute. The drill prints
 * and reports this figure beside the measured ones, labelled as modelled, with its source
 * (docs/drill.md "Headline figures").
 *
 * @param engine                  the topology's database engine key
 * @param millis                  the modelled promotion time
 * @param quote                   AWS's words the figure rests on
 * @param source                  where AWS says it
 * @param measuredPromotionMillis the drill's measured promotion phase, which the model replaces
 * @param rtoMillis               the real-world-interval RTO with the modelled promotion in place of the measured one
 */
@JsonPropertyOrder({"engine", "millis", "quote", "source", "measuredPromotionMillis", "rtoMillis"})
public record ModelledPromotion(String engine, long millis, String quote, String source, long measuredPromotionMillis, long rtoMillis) {

    /** The documented figure per engine: the number is ours, the words are AWS's. */
    enum Figure {
        RDS_POSTGRES(Topology.Engine.RDS_POSTGRES, 5 * 60_000L,
                "When you promote a read replica, RDS reboots the DB instance before making it available. The promotion process can take "
                        + "several minutes or longer to complete, depending on the size of the read replica.",
                "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html"),
        AURORA_POSTGRES_GLOBAL(Topology.Engine.AURORA_POSTGRES_GLOBAL, 60_000L,
                "with a global database you can promote one of the secondary AWS Regions to take full read/write workloads in under a minute",
                "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html");

        final Topology.Engine engine;
        final long millis;
        final String quote;
        final String source;

        Figure(Topology.Engine engine, long millis, String quote, String source) {
            this.engine = engine;
            this.millis = millis;
            this.quote = quote;
            this.source = source;
        }

        static Figure of(Topology.Engine engine) {
            for (Figure f : values()) {
                if (f.engine == engine) {
                    return f;
                }
            }
            throw new IllegalArgumentException("no documented promotion time for engine " + engine.key());
        }
    }

    /** The model for a run that promoted (its report has a promotion phase); empty otherwise. */
    public static Optional<ModelledPromotion> of(Topology.Engine engine, DrillReport report) {
        if (report.result() != DrillReport.Result.SUCCEEDED) {
            return Optional.empty();
        }
        return report.phases().stream().filter(p -> p.name().equals(Phase.PROMOTION)).findFirst().map(p -> {
            Figure f = Figure.of(engine);
            return new ModelledPromotion(engine.key(), f.millis, f.quote, f.source, p.equivalentMillis(),
                    report.equivalentRtoMillis() - p.equivalentMillis() + f.millis);
        });
    }

    /** The summary's line, labelled as a model, after the measured ones. */
    String line(long coldStartMillis) {
        return String.format(Locale.ROOT, "Modelled promotion:  %s for %s, not measured (AWS: \"%s\"; %s); the lab's promotion took %s."
                        + " RTO with it: %s at real-world intervals, %s with cold functions%n",
                TimelineSummary.seconds(millis), engine, shortQuote(), source, TimelineSummary.seconds(measuredPromotionMillis),
                TimelineSummary.seconds(rtoMillis), TimelineSummary.seconds(rtoMillis + coldStartMillis));
    }

    private String shortQuote() {
        int cut = quote.indexOf("The promotion process");
        return cut > 0 ? quote.substring(cut) : quote;
    }
}
