package dev.crossfade.local.workflow;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;
import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfade.functions.workflow.LockHeldException;
import dev.crossfade.functions.workflow.PromotionFailedException;
import dev.crossfade.functions.workflow.PromotionPendingException;
import dev.crossfade.functions.workflow.ReplicaLagExceededException;
import dev.crossfade.functions.workflow.ReplicationNotReadyException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.TargetUnhealthyException;
import dev.crossfade.functions.workflow.TransientAwsException;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.database.Fencing;
import dev.crossfade.functions.workflow.database.Promotion;
import dev.crossfade.functions.workflow.run.AcquireLockHandler;
import dev.crossfade.functions.workflow.run.RoutingIntent;
import dev.crossfade.functions.workflow.state.RunLock;
import dev.crossfade.local.CallRecorder;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.testutils.InjectedFault;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.LabDns;
import dev.crossfade.local.testutils.PendingApproval;
import dev.crossfade.local.testutils.RunRecords;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.Trees;
import dev.crossfade.local.testutils.WorkflowLab;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.PromoteReadReplicaRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The real failover.asl.json executed by moto's interpreter, its tasks running the real handlers. */
class FailoverWorkflowExecutionTest extends WorkflowLab {

    private static final String FAILOVER = "failover-us-east-1-to-eu-west-1.json";
    private EmulatedApplication app;

    @BeforeEach
    void deployApplication() {
        app = Seed.deployRds(harness.moto());
    }

    @Test
    void rdsFailover_shouldFencePromoteShiftTrafficAndRecordTheRun() {
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.toString() + harness.statesEntered(STANDBY, run.executionArn()));
        assertNull(app.db(STANDBY).readReplicaSourceDBInstanceIdentifier(), "the standby is a standalone writer");
        assertEquals(Optional.of(1.0), app.routing().read(STANDBY));
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY));
        assertEquals("on", app.parameter(PRIMARY, Fencing.READ_ONLY_PARAMETER));
        assertEquals(3, app.desiredCount(STANDBY), "scaled to the old primary's desired count");
        assertEquals(Map.of(PRIMARY, 0f, STANDBY, 100f), app.dials(), "accelerator pinned after the data-plane shift");
        assertLockReleased();
        JsonNode record = runRecord(run.executionArn());
        assertEquals("SUCCEEDED", record.path("status").asText());
        assertEquals(List.of("fencing", "promotion", "traffic-shift", "verification"),
                record.path("phases").findValuesAsText("name"));
        // the run's metrics are embedded-metric-format lines in RecordRun's log (RunRecorderMetricsTest), no PutMetricData call
        List<String> runMetrics = app.clients().get(CLOUDWATCH, STANDBY).listMetrics(r -> r.namespace(WorkflowConfig.RUN_NAMESPACE)).metrics()
                .stream().map(m -> m.metricName() + m.dimensions().stream().map(d -> d.value()).sorted().toList()).sorted().toList();
        assertEquals(List.of(), runMetrics);
    }

    @Test
    void auroraFailover_shouldMoveTheGlobalWriterAndTraffic() {
        app = Seed.deployAurora(harness.moto());
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals("failover", Trees.read(run.output()).path("promotion").path("action").asText());
        assertEquals(Seed.NAMES.clusterArn(STANDBY), app.globalWriter());
        assertEquals(Optional.of(1.0), app.routing().read(STANDBY));
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY));
        assertEquals(Map.of(PRIMARY, 0f, STANDBY, 100f), app.dials());
        assertEquals("SUCCEEDED", runRecord(run.executionArn()).path("status").asText());
    }

    @Test
    void auroraSwitchover_shouldUseThePlannedSwitchover() {
        app = Seed.deployAurora(harness.moto());
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "drill-1",
                Inputs.json("switchover-us-east-1-to-eu-west-1.json"));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals("switchover", Trees.read(run.output()).path("promotion").path("action").asText());
        assertEquals(Seed.NAMES.clusterArn(STANDBY), app.globalWriter());
    }

    @Test
    void auroraFailbackAfterFailover_shouldFindTheOldClusterRejoinedAndSwitchBack() {
        app = Seed.deployAurora(harness.moto());
        String inEu = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));
        assertEquals(ExecutionStatus.SUCCEEDED, harness.run(STANDBY, inEu, "inc-1", Inputs.json(FAILOVER)).status());
        app.setReplicaLag(PRIMARY, 0);
        String inUs = harness.deployWorkflow(app, PRIMARY, WorkflowHarness.handlers(app.clients(), app.config()));

        DescribeExecutionResponse run = harness.run(PRIMARY, inUs, "inc-1-failback",
                Inputs.json("failback-eu-west-1-to-us-east-1.json"));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        JsonNode output = Trees.read(run.output());
        assertEquals("rejoined", output.path("replication").path("action").asText());
        assertEquals("switchover", output.path("promotion").path("action").asText());
        assertEquals(Seed.NAMES.clusterArn(PRIMARY), app.globalWriter());
        assertEquals(Map.of(PRIMARY, 100f, STANDBY, 0f), app.dials());
    }

    @Test
    void targetUnhealthy_shouldAbortBeforeAnyMutation() {
        app.setHealthy(STANDBY, false);
        Map<String, Object> before = app.snapshot();
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));

        assertStoppedWith(run, TargetUnhealthyException.class);
        assertNoneEntered(run, "ScaleTarget", "FenceOldPrimary", "PromoteDatabase", "ShiftTraffic");
        assertUnchangedButRecordAndLock(before, "ABORTED", run);
    }

    @Test
    void replicaLagAboveBudgetWithoutApproval_shouldAbortBeforeAnyMutation() {
        app.setReplicaLag(STANDBY, 42);
        Map<String, Object> before = app.snapshot();
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config(false)));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));

        assertStoppedWith(run, ReplicaLagExceededException.class);
        assertTrue(run.cause().contains("42.0 s"), run.cause());
        assertUnchangedButRecordAndLock(before, "ABORTED", run);
    }

    @Test
    void replicaLagAboveBudgetWithApproval_shouldWaitForApprovalThenFailOver() {
        app.setReplicaLag(STANDBY, 42);
        PendingApproval approval = PendingApproval.start(harness, app, STANDBY,
                WorkflowHarness.handlers(app.clients(), app.config(true)), "inc-1", Inputs.json(FAILOVER));

        assertEquals(ExecutionStatus.RUNNING, harness.describe(STANDBY, approval.execution()).status());
        assertEquals(app.db(PRIMARY).dbInstanceArn(), app.db(STANDBY).readReplicaSourceDBInstanceIdentifier(), "not promoted while waiting");
        approval.approve("{\"approvedBy\":\"on-call\"}");
        DescribeExecutionResponse run = approval.awaitEnd();

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertNull(app.db(STANDBY).readReplicaSourceDBInstanceIdentifier());
    }

    @Test
    void promotionStillRunningAtFirstCheck_shouldBePolledUntilTheWriterIsUp() {
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config());
        // AWS takes minutes to promote; the emulator is instant. The first check sees it still running.
        AtomicInteger checks = new AtomicInteger();
        WorkflowHarness.wrap(handlers, "CheckPromotion", real -> json -> {
            if (checks.getAndIncrement() == 0) {
                throw new PromotionPendingException("instance " + Seed.NAMES.dbInstance(STANDBY) + " is modifying");
            }
            return real.apply(json);
        });
        String machine = harness.deployWorkflow(app, STANDBY, handlers);

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals(2, checks.get());
        assertTrue(harness.history(STANDBY, run.executionArn()).stream().anyMatch(e -> e.taskFailedEventDetails() != null
                && e.taskFailedEventDetails().error().equals(PromotionPendingException.class.getName())));
    }

    @Test
    void approvalRefused_shouldStopSafelyWithNothingChanged() {
        app.setReplicaLag(STANDBY, 42);
        PendingApproval approval = PendingApproval.start(harness, app, STANDBY,
                WorkflowHarness.handlers(app.clients(), app.config(true)), "inc-1", Inputs.json(FAILOVER));
        Map<String, Object> before = app.snapshot();

        approval.refuse("ApprovalRefused", "on-call: 42 s of writes is too much");
        DescribeExecutionResponse run = approval.awaitEnd();

        assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
        assertEquals("ApprovalRefused", run.error());
        assertUnchangedButRecordAndLock(before, "ABORTED", run);
    }

    @Test
    void promotionThrottledTwice_shouldBeRetriedAndPromoteOnce() {
        InjectedFault throttling = InjectedFault.throttle(PromoteReadReplicaRequest.class, 2);
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(Set.of(), List.of(throttling)), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals(3, throttling.calls(), "two throttled attempts, then one that reached RDS");
        assertEquals(2, harness.history(STANDBY, run.executionArn()).stream()
                .filter(e -> e.taskFailedEventDetails() != null
                        && e.taskFailedEventDetails().error().equals(TransientAwsException.class.getName())).count());
        assertNull(app.db(STANDBY).readReplicaSourceDBInstanceIdentifier());
    }

    @Test
    void promotionRefused_shouldStopSafelyWithTheFenceUndoneAndNoTrafficMoved() {
        InjectedFault refusal = InjectedFault.refuse(PromoteReadReplicaRequest.class, "InvalidDBInstanceState");
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(Set.of(), List.of(refusal)), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));

        assertStoppedWith(run, PromotionFailedException.class);
        assertTrue(run.cause().contains("InvalidDBInstanceState"), run.cause());
        assertNoneEntered(run, "ShiftTraffic", "PinTraffic", "VerifyTarget");
        assertEquals(app.db(PRIMARY).dbInstanceArn(), app.db(STANDBY).readReplicaSourceDBInstanceIdentifier(), "still a replica");
        assertEquals(Optional.of(1.0), app.routing().read(PRIMARY), "old primary takes traffic again");
        assertEquals("off", app.parameter(PRIMARY, Fencing.READ_ONLY_PARAMETER), "old primary takes writes again");
        assertLockReleased();
        assertEquals("ABORTED", runRecord(run.executionArn()).path("status").asText());
    }

    @Test
    void duplicateStartWhileARunHoldsTheLock_shouldStopTheSecondWithoutActing() {
        app.setReplicaLag(STANDBY, 42);
        PendingApproval first = PendingApproval.start(harness, app, STANDBY,
                WorkflowHarness.handlers(app.clients(), app.config(true)), "inc-1-alarm-a", Inputs.json(FAILOVER));

        DescribeExecutionResponse second = harness.run(STANDBY, first.machine(), "inc-1-alarm-b", Inputs.json(FAILOVER));
        first.approve("{\"approvedBy\":\"on-call\"}");
        DescribeExecutionResponse firstRun = first.awaitEnd();

        assertStoppedWith(second, LockHeldException.class);
        assertTrue(second.cause().contains("inc-1-alarm-a"), second.cause());
        assertNoneEntered(second, "CheckPreflight", "PromoteDatabase", "ReleaseLock", "ReleaseLockAfterStop");
        assertEquals(ExecutionStatus.SUCCEEDED, firstRun.status(), firstRun::toString);
        assertLockReleased();
    }

    @Test
    void runInProgressInTheOtherRegion_shouldMakeThisOneStandDownWithoutActing() {
        StepInput otherRun = Inputs.step(FAILOVER, "arn:aws:states:us-east-1:123456789012:execution:shop-prod-failover:failback-1");
        new RunLock(app.clients(), app.config(), PRIMARY, AcquireLockHandler.LEASE).acquire(otherRun);
        Map<String, Object> before = app.snapshot();
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));

        assertStoppedWith(run, LockHeldException.class);
        // the other run holds the lock in every region it reached (RunLock's majority), eu-west-1 among them
        assertTrue(run.cause().contains("shop-prod-failover:failback-1"), run.cause());
        assertNoneEntered(run, "CheckPreflight", "ScaleTarget", "FenceOldPrimary", "PromoteDatabase", "ShiftTraffic");
        // the other run still holds its lock in eu-west-1 (RunLock writes every region it reaches); this run took none
        Map<String, AttributeValue> lock = app.lockItem(STANDBY);
        assertTrue(lock.isEmpty() || lock.get("owner").s().endsWith(":failback-1"), "lock taken over: " + lock);
        assertEquals(before.get(PRIMARY + " routing"), app.snapshot().get(PRIMARY + " routing"));
        assertEquals(before.get(STANDBY + " db"), app.snapshot().get(STANDBY + " db"));
    }

    @Test
    void dryRun_shouldReturnThePlanAndLeaveTheEmulatedStateIdentical() {
        Map<String, Object> before = app.snapshot();
        CallRecorder calls = new CallRecorder();
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(Set.of(), List.of(calls)), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "drill-1",
                Inputs.json("dry-run-us-east-1-to-eu-west-1.json"));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals(before, app.snapshot());
        assertFalse(calls.calls().isEmpty(), "the dry run read the emulated state");
        assertTrue(calls.calls().stream().allMatch(c -> c.matches("(Describe|Get|List).*")), "a mutating call: " + calls.calls());
        JsonNode plan = Trees.read(run.output()).path("dryRun").path("plan");
        assertEquals(List.of("PromoteReadReplica"), plan.path("steps").findValuesAsText("api").stream()
                .filter("PromoteReadReplica"::equals).toList());
        assertTrue(Trees.read(run.output()).path("dryRun").path("wouldAbort").isNull());
    }

    @Test
    void oldPrimaryUnreachable_shouldSkipFencingRecordWhyAndStillFailOver() {
        LabDns dns = new LabDns(app);
        dns.fail(PRIMARY);
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(Set.of(PRIMARY)), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        JsonNode fencing = Trees.read(run.output()).path("fencing");
        assertFalse(fencing.path("routingFenced").asBoolean(true));
        assertEquals(2, fencing.path("skipped").size(), fencing.toString());
        assertNull(app.db(STANDBY).readReplicaSourceDBInstanceIdentifier());
        assertEquals(Optional.of(1.0), app.routing().read(STANDBY));
        assertEquals(Optional.of(1.0), app.routing().read(PRIMARY), "the unreachable region was never written");
        // its routing control is still on, but nobody reaches it: its endpoint check fails, and clients resolve the writer only
        assertEquals(List.of(STANDBY), dns.answer());
        dns.close();
    }

    @Test
    void rerunAfterAPartialRunThatPromoted_shouldFinishWithoutASecondPromotion() {
        new Promotion(app.clients(), app.config()).start(Inputs.step(FAILOVER, "an-earlier-run"));
        InjectedFault promotions = InjectedFault.throttle(PromoteReadReplicaRequest.class, 0);
        String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(Set.of(), List.of(promotions)), app.config()));

        DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-1-rerun", Inputs.json(FAILOVER));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals(0, promotions.calls(), "PromoteReadReplica was not called again");
        assertEquals("already-promoted", Trees.read(run.output()).path("promotion").path("action").asText());
    }

    @Test
    void failbackAfterFailover_shouldRebuildReplicationAndSwitchBack() {
        String inEu = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));
        assertEquals(ExecutionStatus.SUCCEEDED, harness.run(STANDBY, inEu, "inc-1", Inputs.json(FAILOVER)).status());
        app.deleteDb(PRIMARY);
        app.setReplicaLag(PRIMARY, 0);
        String inUs = harness.deployWorkflow(app, PRIMARY, WorkflowHarness.handlers(app.clients(), app.config()));

        DescribeExecutionResponse run = harness.run(PRIMARY, inUs, "inc-1-failback",
                Inputs.json("failback-eu-west-1-to-us-east-1.json"));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals("created", Trees.read(run.output()).path("replication").path("action").asText());
        assertNull(app.db(PRIMARY).readReplicaSourceDBInstanceIdentifier(), "us-east-1 is the writer again");
        assertEquals(Seed.NAMES.kmsKey(PRIMARY), app.db(PRIMARY).kmsKeyId(), "the rebuilt replica uses its own region's key");
        assertEquals(Optional.of(1.0), app.routing().read(PRIMARY));
        // eu-west-1 took traffic earlier in this minute (the failover): the minute's Maximum still reads it on; it was
        // switched off in it, and its desired state (republished each minute by its detector) is off
        assertEquals(Optional.of(0.0), app.routing().readLowest(STANDBY));
        RoutingIntent intents = new RoutingIntent(app.clients(), app.config());
        assertEquals(Optional.of(false), intents.read(STANDBY));
        assertEquals(Optional.of(true), intents.read(PRIMARY));
        assertEquals("off", app.parameter(PRIMARY, Fencing.READ_ONLY_PARAMETER), "the new writer accepts writes");
        assertEquals("on", app.parameter(STANDBY, Fencing.READ_ONLY_PARAMETER), "the old writer refuses them");
    }

    @Test
    void failbackWithTheStaleOldPrimaryStillThere_shouldStopNamingItAndChangeNothing() {
        String inEu = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));
        assertEquals(ExecutionStatus.SUCCEEDED, harness.run(STANDBY, inEu, "inc-1", Inputs.json(FAILOVER)).status());
        Map<String, Object> before = app.snapshot();
        String inUs = harness.deployWorkflow(app, PRIMARY, WorkflowHarness.handlers(app.clients(), app.config()));

        DescribeExecutionResponse run = harness.run(PRIMARY, inUs, "inc-1-failback",
                Inputs.json("failback-eu-west-1-to-us-east-1.json"));

        assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
        assertEquals(ReplicationNotReadyException.class.getName(), run.error());
        assertTrue(run.cause().contains(Seed.NAMES.dbInstance(PRIMARY)), run.cause());
        Map<String, Object> after = app.snapshot();
        before.keySet().stream().filter(k -> !k.endsWith("items") && !k.endsWith("metrics"))
                .forEach(k -> assertEquals(before.get(k), after.get(k), k));
    }

    private void assertStoppedWith(DescribeExecutionResponse run, Class<? extends Exception> error) {
        assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
        assertEquals(error.getName(), run.error(), run::toString);
    }

    private void assertNoneEntered(DescribeExecutionResponse run, String... states) {
        List<String> entered = harness.statesEntered(STANDBY, run.executionArn());
        for (String state : states) {
            assertFalse(entered.contains(state), state + " was entered: " + entered);
        }
    }

    /** The world is as before, except the run record; the lock is free again. */
    private void assertUnchangedButRecordAndLock(Map<String, Object> before, String status, DescribeExecutionResponse run) {
        assertEquals(status, runRecord(run.executionArn()).path("status").asText());
        assertLockReleased();
        Map<String, Object> after = app.snapshot();
        for (String key : before.keySet()) {
            if (!key.endsWith("items") && !key.endsWith("metrics")) {
                assertEquals(before.get(key), after.get(key), key);
            }
        }
    }

    private void assertLockReleased() {
        Map<String, AttributeValue> lock = app.lockItem(STANDBY);
        assertTrue(lock.isEmpty(), "lock still held: " + lock);
    }

    private JsonNode runRecord(String executionArn) {
        return RunRecords.read(app, STANDBY, executionArn);
    }
}
