package dev.crossfade.infra.workflow;

/**
 * The Lambda steps of statemachines/failover.asl.json: each placeholder {@code ${<key>FunctionArn}}
 * is wired to the function running {@code dev.crossfade.functions.workflow.<handler>}, deployed from
 * the group jar holding that handler (the one place that maps handlers to jars).
 */
enum WorkflowFunction {
    ACQUIRE_LOCK("AcquireLock", "AcquireLockHandler", WorkflowJar.RUN),
    RELEASE_LOCK("ReleaseLock", "ReleaseLockHandler", WorkflowJar.RUN),
    REBUILD_REPLICATION("RebuildReplication", "RebuildReplicationHandler", WorkflowJar.DATABASE),
    CHECK_REPLICATION("CheckReplication", "CheckReplicationHandler", WorkflowJar.DATABASE),
    CHECK_PREFLIGHT("CheckPreflight", "CheckPreflightHandler", WorkflowJar.DATABASE),
    REQUEST_APPROVAL("RequestApproval", "RequestApprovalHandler", WorkflowJar.RUN),
    SCALE_TARGET("ScaleTarget", "ScaleTargetHandler", WorkflowJar.CAPACITY),
    FENCE_OLD_PRIMARY("FenceOldPrimary", "FenceOldPrimaryHandler", WorkflowJar.DATABASE),
    UNFENCE_OLD_PRIMARY("UnfenceOldPrimary", "UnfenceOldPrimaryHandler", WorkflowJar.DATABASE),
    PROMOTE_DATABASE("PromoteDatabase", "PromoteDatabaseHandler", WorkflowJar.DATABASE),
    CHECK_PROMOTION("CheckPromotion", "CheckPromotionHandler", WorkflowJar.DATABASE),
    SHIFT_TRAFFIC("ShiftTraffic", "ShiftTrafficHandler", WorkflowJar.TRAFFIC),
    PIN_TRAFFIC("PinTraffic", "PinTrafficHandler", WorkflowJar.TRAFFIC),
    VERIFY_TARGET("VerifyTarget", "VerifyTargetHandler", WorkflowJar.TRAFFIC),
    REBUILD_REPLICAS("RebuildReplicas", "RebuildReplicasHandler", WorkflowJar.DATABASE),
    RECORD_RUN("RecordRun", "RecordRunHandler", WorkflowJar.RUN),
    PLAN_RUN("PlanRun", "PlanRunHandler", WorkflowJar.DATABASE);

    private final String key;
    private final String handlerClass;
    private final WorkflowJar jar;

    WorkflowFunction(String key, String handlerClass, WorkflowJar jar) {
        this.key = key;
        this.handlerClass = handlerClass;
        this.jar = jar;
    }

    /** The jar this step is deployed from. */
    WorkflowJar jar() {
        return jar;
    }

    String key() {
        return key;
    }

    String placeholder() {
        return key + "FunctionArn";
    }

    String handler() {
        return jar.handlerPackage() + "." + handlerClass + "::handleRequest";
    }
}
