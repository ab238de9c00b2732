package dev.crossfade.functions.workflow.traffic;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.Timestamps;
import dev.crossfade.functions.workflow.TransientAwsException;
import dev.crossfade.functions.workflow.VerificationPendingException;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RoutingControl;
import dev.crossfade.topology.env.RegionTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The target takes traffic, and (active-passive) nobody else does: its health alarm is OK, its
 * routing control reads 1 (the newest one-minute Maximum, as its alarm reads it), and every other
 * enabled region's routing control was switched off (a 0 in its newest minute; read in that
 * region, data plane). These are the inputs of Route 53's answer that the workflow controls; why
 * the step does not resolve the name itself is in docs/workflow.md ("What Verification checks").
 * A region that cannot be connected to is listed in {@code unreachable}: it fails its endpoint
 * health check, so Route 53 does not answer it.
 */
public final class Verification extends StepLogic {

    public record Result(String region, List<String> unreachable, String startedAt, String endedAt) {}

    public Verification(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    public Result verify(StepInput input) {
        String to = input.to();
        RegionTargets target = config.region(to);
        Optional<MetricAlarm> alarm = AwsCalls.call("DescribeAlarms " + target.healthAlarm(), () -> clients.get(CLOUDWATCH, to)
                .describeAlarms(r -> r.alarmNames(target.healthAlarm()))).metricAlarms().stream().findFirst();
        if (alarm.isEmpty() || alarm.get().stateValue() != StateValue.OK) {
            throw new VerificationPendingException("health alarm " + target.healthAlarm() + " in " + to + " is "
                    + alarm.map(MetricAlarm::stateValueAsString).orElse("missing"));
        }
        RoutingControl routing = new RoutingControl(clients, config.application());
        Optional<Double> on = routing.read(to);
        if (on.isEmpty() || on.get() < 1) {
            throw new VerificationPendingException("routing control of " + to + " reads " + on.map(String::valueOf).orElse("nothing"));
        }
        List<String> unreachable = new ArrayList<>();
        if (!config.activeActive()) {
            for (String region : config.regions().keySet()) {
                if (region.equals(to)) {
                    continue;
                }
                Optional<Double> other;
                try {
                    // switched off in the newest minute (its Minimum): the minute may also hold the 1 from before the
                    // shift, which Route 53 reads as on until the region's next 0 (docs/routing.md, "Timing")
                    other = routing.readLowest(region);
                } catch (TransientAwsException e) {
                    if (!AwsCalls.unreachable(e)) {
                        throw e;
                    }
                    unreachable.add(region + ": " + e.getMessage());
                    continue;
                }
                // never published = on (a health check with no last known status is healthy)
                if (other.isEmpty() || other.get() > 0) {
                    throw new VerificationPendingException("routing control of " + region + " reads "
                            + other.map(String::valueOf).orElse("nothing (counts as on)") + ": DNS may still answer it, not the writer in " + to);
                }
            }
        }
        return new Result(to, List.copyOf(unreachable), Timestamps.startOf(input), Timestamps.now());
    }
}
