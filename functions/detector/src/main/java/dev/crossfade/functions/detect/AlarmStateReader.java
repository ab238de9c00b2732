package dev.crossfade.functions.detect;

import static dev.crossfade.functions.detect.DetectorServices.CLOUDWATCH;

import dev.crossfade.decision.AlarmState;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.EventParser;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsLogic;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Reads this application's alarms in the detector's own region (DescribeAlarms, a regional data
 * plane call), so the scheduled evaluation repairs state changes whose events were lost.
 */
public final class AlarmStateReader extends AwsLogic<DetectorConfig> {

    public AlarmStateReader(AwsClients clients, DetectorConfig config) {
        super(clients, config);
    }

    public List<DetectorEvent.AlarmChange> read() {
        EventParser parser = new EventParser(config.deployment());
        List<DetectorEvent.AlarmChange> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeAlarmsResponse page = clients.get(CLOUDWATCH, config.region()).describeAlarms(b -> b
                    .alarmNamePrefix(config.deployment().alarmPrefix())
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                    .nextToken(next));
            for (MetricAlarm a : page.metricAlarms()) {
                add(parser, a.alarmName(), a.stateValueAsString(), a.stateUpdatedTimestamp(), out);
            }
            for (CompositeAlarm a : page.compositeAlarms()) {
                add(parser, a.alarmName(), a.stateValueAsString(), a.stateUpdatedTimestamp(), out);
            }
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    private void add(EventParser parser, String name, String state, java.time.Instant at, List<DetectorEvent.AlarmChange> out) {
        AlarmState.parse(state).ifPresent(s -> {
            if (at != null && parser.alarmChange(name, config.region(), s, at) instanceof DetectorEvent.AlarmChange change) {
                out.add(change);
            }
        });
    }
}
