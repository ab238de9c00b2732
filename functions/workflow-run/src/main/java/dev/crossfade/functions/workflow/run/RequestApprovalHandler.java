package dev.crossfade.functions.workflow.run;

import static dev.crossfade.functions.workflow.run.RunServices.EVENTBRIDGE;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.JsonStreamHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import java.util.Map;

/**
 * Asks a person to approve a failover whose replica lag is over the RPO budget: an EventBridge
 * event carrying the task token. The execution waits until someone calls SendTaskSuccess
 * (approve) or SendTaskFailure (refuse) with that token, or the wait times out (refused).
 */
public final class RequestApprovalHandler extends JsonStreamHandler {

    public static final String DETAIL_TYPE = "Crossfade Failover Approval Needed";

    public record Request(String from, String to, String incidentId, String reason, String taskToken, Double lagSeconds,
                   Integer rpoBudgetSeconds, String executionId) {}

    public RequestApprovalHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public RequestApprovalHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, RunServices.JAR);
    }

    @Override
    protected String handleJson(String json) {
        Request request = Json.read(json, Request.class);
        if (request.taskToken() == null || request.taskToken().isBlank()) {
            throw new IllegalArgumentException("approval request has no taskToken");
        }
        String detail = Json.write(Map.of("application", config.application(), "request", request,
                "approve", "aws stepfunctions send-task-success --task-token TOKEN --task-output '{\"approvedBy\":\"you\"}'",
                "refuse", "aws stepfunctions send-task-failure --task-token TOKEN --error ApprovalRefused"));
        AwsCalls.run("PutEvents approval", () -> clients.get(EVENTBRIDGE, request.to()).putEvents(r -> r.entries(e -> e
                .eventBusName(config.eventBus()).source(RunRecorder.EVENT_SOURCE).detailType(DETAIL_TYPE).detail(detail))));
        return Json.write(Map.of("requested", true));
    }
}
