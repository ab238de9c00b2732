package dev.crossfade.cli.drill.testutils;

import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.DrillReport.FinalState;
import dev.crossfade.cli.drill.DrillReport.Mutation;
import dev.crossfade.cli.drill.DrillReport.TimelineEvent;
import dev.crossfade.cli.drill.Phase;
import dev.crossfade.cli.drill.TimeScale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A finished seed drill (us-east-1 -> eu-west-1 at time scale 10), as a fixture for renderers. */
public final class SampleReports {

    private SampleReports() {}

    public static DrillReport seedFailover() {
        List<Phase> phases = List.of(
                new Phase(Phase.DETECTION, 12, 3_140, true, 31_280),
                new Phase(Phase.DECISION, 3_140, 3_410, false, 270),
                new Phase(Phase.FENCING, 3_410, 3_980, false, 570),
                new Phase(Phase.PROMOTION, 3_980, 5_220, false, 1_240),
                new Phase(Phase.TRAFFIC_SHIFT, 5_220, 5_890, false, 670),
                new Phase(Phase.VERIFICATION, 5_890, 6_430, false, 540));
        Map<String, Integer> traffic = new LinkedHashMap<>();
        traffic.put("us-east-1", 0);
        traffic.put("eu-west-1", 100);
        List<Mutation> mutations = List.of(
                new Mutation("globalaccelerator", "UpdateEndpointGroup", "us-west-2"),
                new Mutation("rds", "PromoteReadReplica", "eu-west-1"),
                new Mutation("cloudwatch", "PutMetricData", "eu-west-1"));
        List<TimelineEvent> events = List.of(
                new TimelineEvent(12, Phase.DETECTION, "fault injected: us-east-1 stops answering /health"),
                new TimelineEvent(3_140, Phase.DETECTION, "eu-west-1 canary: us-east-1 ALARM (3/3)"));
        return DrillReport.of("shop-prod", "us-east-1", "eu-west-1", DrillReport.Result.SUCCEEDED, 840, phases,
                new FinalState("eu-west-1", traffic, "eu-west-1"), mutations, new TimeScale(10), events);
    }
}
