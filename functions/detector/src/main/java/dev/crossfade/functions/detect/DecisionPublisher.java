package dev.crossfade.functions.detect;

import static dev.crossfade.functions.detect.DetectorServices.EVENTBRIDGE;

import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsLogic;
import dev.crossfade.functions.json.EmbeddedMetrics;
import java.time.Instant;

/**
 * Metrics ({@code Crossfade/Detector}: SignalsSeen, Decisions by action) as embedded metric
 * format lines in the detector's log, not PutMetricData calls: counters that need not exist
 * before their first datapoint, written with no CloudWatch call on the decision's path
 * (docs/detection.md "Metrics"). For decisions people must see, an EventBridge event
 * {@code crossfade.detector / Failover Decision} that operators route to their paging or chat tools.
 */
public final class DecisionPublisher extends AwsLogic<DetectorConfig> {

    public static final String NAMESPACE = "Crossfade/Detector";
    public static final String SOURCE = "crossfade.detector";
    public static final String DETAIL_TYPE = "Failover Decision";

    private final JsonLog log;

    /** Metrics to stdout, which Lambda ships to the detector's log group. */
    public DecisionPublisher(AwsClients clients, DetectorConfig config) {
        this(clients, config, new JsonLog(System.out));
    }

    public DecisionPublisher(AwsClients clients, DetectorConfig config, JsonLog log) {
        super(clients, config);
        this.log = java.util.Objects.requireNonNull(log, "log");
    }

    /** One EMF line per metric set (Decisions by Application and Action; SignalsSeen by Application, Signal and State). */
    public void metrics(DetectorEvent event, Decision decision, Instant now) {
        log.write(EmbeddedMetrics.in(NAMESPACE, now).property("logger", "crossfade.detector.metrics")
                .dimension("Application", config.application()).dimension("Action", decision.action().name())
                .metric("Decisions", 1, "Count").toJson());
        if (event instanceof DetectorEvent.AlarmChange a) {
            log.write(EmbeddedMetrics.in(NAMESPACE, now).property("logger", "crossfade.detector.metrics")
                    .dimension("Application", config.application()).dimension("Signal", a.signal()).dimension("State", a.state().name())
                    .metric("SignalsSeen", 1, "Count").toJson());
        }
    }

    /** One failed republish of this region's routing control (RoutingRepublisher): an EMF line, like the other metrics. */
    public void routingRepublishFailed(Instant now) {
        log.write(EmbeddedMetrics.in(NAMESPACE, now).property("logger", "crossfade.detector.metrics")
                .dimension("Application", config.application()).metric("RoutingRepublishFailures", 1, "Count").toJson());
    }

    public void notify(String decisionJson) {
        clients.get(EVENTBRIDGE, config.region()).putEvents(b -> b.entries(e -> e.source(SOURCE).detailType(DETAIL_TYPE)
                .detail(decisionJson).eventBusName("default")));
    }
}
