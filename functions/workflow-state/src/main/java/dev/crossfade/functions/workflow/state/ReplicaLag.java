package dev.crossfade.functions.workflow.state;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.util.Map;
import java.util.Optional;

/** The target replica's lag behind the primary, in seconds, from the engine's own CloudWatch metric. */
public final class ReplicaLag extends StepLogic {

    public ReplicaLag(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    /** Empty when the metric has no recent datapoint: the lag is then unknown, never assumed zero. */
    public Optional<Double> seconds(String region) {
        RegionTargets target = config.region(region);
        if (config.engine() == Engine.RDS_POSTGRES) {
            return Metrics.latest(clients.get(CLOUDWATCH, region), "AWS/RDS", "ReplicaLag",
                    Map.of("DBInstanceIdentifier", target.dbInstanceId()));
        }
        return Metrics.latest(clients.get(CLOUDWATCH, region), "AWS/RDS", "AuroraGlobalDBReplicationLag",
                Map.of("DBClusterIdentifier", target.dbClusterId())).map(millis -> millis / 1000.0);
    }
}
