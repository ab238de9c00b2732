package dev.crossfade.infra.workflow;

/**
 * The Lambda steps of statemachines/failover.asl.json: each placeholder {@code ${<key>FunctionArn}}
 * is wired to the function running {@code dev.crossfade.functions.workflow.<handler>}.
 */
enum WorkflowFunction {
    ACQUIRE_LOCK("AcquireLock", "AcquireLockHandler"),
    RELEASE_LOCK("ReleaseLock", "ReleaseLockHandler"),
    REBUILD_REPLICATION("RebuildReplication", "RebuildReplicationHandler"),
    CHECK_REPLICATION("CheckReplication", "CheckReplicationHandler"),
    CHECK_PREFLIGHT("CheckPreflight", "CheckPreflightHandler"),
    REQUEST_APPROVAL("RequestApproval", "RequestApprovalHandler"),
    SCALE_TARGET("ScaleTarget", "ScaleTargetHandler"),
    FENCE_OLD_PRIMARY("FenceOldPrimary", "FenceOldPrimaryHandler"),
    UNFENCE_OLD_PRIMARY("UnfenceOldPrimary", "UnfenceOldPrimaryHandler"),
    PROMOTE_DATABASE("PromoteDatabase", "PromoteDatabaseHandler"),
    CHECK_PROMOTION("CheckPromotion", "CheckPromotionHandler"),
    SHIFT_TRAFFIC("ShiftTraffic", "ShiftTrafficHandler"),
    PIN_TRAFFIC("PinTraffic", "PinTrafficHandler"),
    VERIFY_TARGET("VerifyTarget", "VerifyTargetHandler"),
    RECORD_RUN("RecordRun", "RecordRunHandler"),
    PLAN_RUN("PlanRun", "PlanRunHandler");

    private final String key;
    private final String handlerClass;

    WorkflowFunction(String key, String handlerClass) {
        this.key = key;
        this.handlerClass = handlerClass;
    }

    String key() {
        return key;
    }

    String placeholder() {
        return key + "FunctionArn";
    }

    String handler() {
        return "dev.crossfade.functions.workflow." + handlerClass + "::handleRequest";
    }
}
