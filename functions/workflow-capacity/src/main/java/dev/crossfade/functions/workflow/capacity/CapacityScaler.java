package dev.crossfade.functions.workflow.capacity;

import static dev.crossfade.functions.workflow.capacity.CapacityServices.ECS;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.topology.env.RegionTargets;

/** Gives the target region the old primary's capacity before traffic arrives; never scales down. */
public final class CapacityScaler extends StepLogic {

    public record Result(String cluster, String service, int desiredCount) {}

    public CapacityScaler(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    public Result scale(StepInput input) {
        RegionTargets target = config.region(input.to());
        // The old region may be down, so its desired count comes from the topology, not from its API.
        int desired = Math.max(target.desiredCount(), config.region(input.from()).desiredCount());
        AwsCalls.run("UpdateService " + target.ecsService(), () -> clients.get(ECS, input.to()).updateService(r -> r
                .cluster(target.ecsCluster()).service(target.ecsService()).desiredCount(desired)));
        return new Result(target.ecsCluster(), target.ecsService(), desired);
    }
}
