package dev.crossfade.functions.workflow;

import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** The target takes traffic: its health alarm is OK and its routing control reads 1. */
public final class Verification {

    public record Result(String region, String startedAt, String endedAt) {}

    private final AwsClients clients;
    private final WorkflowConfig config;

    public Verification(AwsClients clients, WorkflowConfig config) {
        this.clients = clients;
        this.config = config;
    }

    public Result verify(StepInput input) {
        String to = input.to();
        RegionTargets target = config.region(to);
        Optional<MetricAlarm> alarm = AwsCalls.call("DescribeAlarms " + target.healthAlarm(), () -> clients.cloudWatch(to)
                .describeAlarms(r -> r.alarmNames(target.healthAlarm()))).metricAlarms().stream().findFirst();
        if (alarm.isEmpty() || alarm.get().stateValue() != StateValue.OK) {
            throw new VerificationPendingException("health alarm " + target.healthAlarm() + " in " + to + " is "
                    + alarm.map(MetricAlarm::stateValueAsString).orElse("missing"));
        }
        Optional<Double> routing = new RoutingControl(clients, config.application()).read(to);
        if (routing.isEmpty() || routing.get() < 1) {
            throw new VerificationPendingException("routing control of " + to + " reads " + routing.map(String::valueOf).orElse("nothing"));
        }
        return new Result(to, Timestamps.startOf(input), Timestamps.now());
    }
}
