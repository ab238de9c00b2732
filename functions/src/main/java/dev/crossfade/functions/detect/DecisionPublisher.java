package dev.crossfade.functions.detect;

import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DetectorEvent;
import java.time.Instant;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Metrics ({@code Crossfade/Detector}: SignalsSeen, Decisions by action) and, for decisions
 * people must see, an EventBridge event {@code crossfade.detector / Failover Decision} that
 * operators route to their paging or chat tools.
 */
public final class DecisionPublisher {

    public static final String NAMESPACE = "Crossfade/Detector";
    public static final String SOURCE = "crossfade.detector";
    public static final String DETAIL_TYPE = "Failover Decision";

    private final AwsClients clients;
    private final DetectorConfig config;

    public DecisionPublisher(AwsClients clients, DetectorConfig config) {
        this.clients = clients;
        this.config = config;
    }

    public void metrics(DetectorEvent event, Decision decision, Instant now) {
        Dimension app = Dimension.builder().name("Application").value(config.application()).build();
        MetricDatum decided = MetricDatum.builder().metricName("Decisions").timestamp(now).unit(StandardUnit.COUNT).value(1.0)
                .dimensions(app, Dimension.builder().name("Action").value(decision.action().name()).build()).build();
        var data = new java.util.ArrayList<MetricDatum>(java.util.List.of(decided));
        if (event instanceof DetectorEvent.AlarmChange a) {
            data.add(MetricDatum.builder().metricName("SignalsSeen").timestamp(now).unit(StandardUnit.COUNT).value(1.0)
                    .dimensions(app, Dimension.builder().name("Signal").value(a.signal()).build(),
                            Dimension.builder().name("State").value(a.state().name()).build()).build());
        }
        clients.cloudWatch(config.region()).putMetricData(b -> b.namespace(NAMESPACE).metricData(data));
    }

    /** One failed republish of this region's routing control (RoutingRepublisher). */
    public void routingRepublishFailed(Instant now) {
        clients.cloudWatch(config.region()).putMetricData(b -> b.namespace(NAMESPACE).metricData(MetricDatum.builder()
                .metricName("RoutingRepublishFailures").timestamp(now).unit(StandardUnit.COUNT).value(1.0)
                .dimensions(Dimension.builder().name("Application").value(config.application()).build()).build()));
    }

    public void notify(String decisionJson) {
        clients.events(config.region()).putEvents(b -> b.entries(e -> e.source(SOURCE).detailType(DETAIL_TYPE)
                .detail(decisionJson).eventBusName("default")));
    }
}
