package dev.crossfade.functions.workflow.state;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.topology.VetoHolder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The routing veto on a region, held outside it (docs/routing.md, "The veto on a region that comes
 * back"): a metric {@code Crossfade/Routing RoutingVeto} (Application, Region = the vetoed region)
 * published in the region's {@link VetoHolder}, followed there by the alarm
 * {@code <application>-veto-<region>}, which is the third child of the region's Route 53 "serving"
 * check. 1 keeps the region out of DNS whatever its own routing control says; 0 lifts it. Route 53
 * reads missing data as the last known status, so a value published once holds until the other is
 * published.
 *
 * <p>Set by the run when it skips the old primary's fence because the region is unreachable: its
 * own routing control cannot be switched off then, and it still reads "on" when the region comes
 * back. Lifted by the traffic shift for its target, by the rollback for the old primary, and by the
 * region's writer guard once its database can no longer take writes and its routing control reads
 * off.
 */
public final class RoutingVeto extends StepLogic {

    public static final String METRIC = "RoutingVeto";

    public RoutingVeto(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    /** {@code <application>-veto-<region>}: the alarm in the holder region (infra: FailoverWorkflow.vetoAlarmName). */
    public static String alarmName(String application, String region) {
        return application + "-veto-" + region;
    }

    /** The region whose CloudWatch holds {@code region}'s veto; empty with one enabled region. */
    public Optional<String> holder(String region) {
        Map<String, Integer> priorities = new LinkedHashMap<>();
        config.regions().forEach((name, targets) -> priorities.put(name, targets.priority()));
        return VetoHolder.of(priorities, region);
    }

    /** Publishes the veto (1) or its lifting (0) in the holder region; returns the holder, empty when there is none. */
    public Optional<String> set(String region, boolean vetoed) {
        Optional<String> holder = holder(region);
        holder.ifPresent(h -> Metrics.put(clients.get(CLOUDWATCH, h), WorkflowConfig.ROUTING_NAMESPACE, METRIC,
                RoutingControl.dimensions(config.application(), region), vetoed ? 1 : 0, StandardUnit.COUNT, Instant.now(),
                RoutingControl.STORAGE_RESOLUTION));
        return holder;
    }

    /** The newest one-minute Maximum of the region's veto in its holder (last ten minutes). */
    public Optional<Double> read(String region) {
        return holder(region).flatMap(h -> Metrics.latest(clients.get(CLOUDWATCH, h), WorkflowConfig.ROUTING_NAMESPACE, METRIC,
                RoutingControl.dimensions(config.application(), region), RoutingControl.PERIOD_SECONDS));
    }

    /** The newest one-minute Minimum: 0 once a lifting was published in the newest minute. */
    public Optional<Double> readLowest(String region) {
        return holder(region).flatMap(h -> Metrics.latest(clients.get(CLOUDWATCH, h), WorkflowConfig.ROUTING_NAMESPACE, METRIC,
                RoutingControl.dimensions(config.application(), region), RoutingControl.PERIOD_SECONDS, "Minimum"));
    }
}
