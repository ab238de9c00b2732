package dev.crossfade.functions.detect;

import static dev.crossfade.functions.detect.DetectorServices.SFN;

import dev.crossfade.decision.Incident;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsLogic;
import dev.crossfade.functions.json.JsonObject;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/** Starts the failover workflow in the target region; a repeated start of one incident is a no-op. */
public final class WorkflowStarter extends AwsLogic<DetectorConfig> {

    public enum Result { STARTED, ALREADY_STARTED }

    public WorkflowStarter(AwsClients clients, DetectorConfig config) {
        super(clients, config);
    }

    public Result start(Incident incident, String reason) {
        String name = incident.executionName().orElseThrow(() -> new IllegalArgumentException("incident " + incident.id() + " has no execution"));
        String input = new JsonObject()
                .put("mode", "failover").put("from", incident.from()).put("to", incident.to())
                .put("reason", reason).put("incidentId", incident.id()).toString();
        try {
            clients.get(SFN, incident.to()).startExecution(b -> b.stateMachineArn(config.stateMachineArn(incident.to()))
                    .name(name).input(input));
            return Result.STARTED;
        } catch (ExecutionAlreadyExistsException e) {
            // the same incident was started by a duplicate event or a concurrent detector
            return Result.ALREADY_STARTED;
        }
    }
}
