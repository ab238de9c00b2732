package dev.crossfade.local.workflow;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;
import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static dev.crossfade.local.testutils.Seed.THIRD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.LockHeldException;
import dev.crossfade.functions.workflow.database.FenceOldPrimaryHandler;
import dev.crossfade.functions.workflow.database.Fencing;
import dev.crossfade.functions.workflow.database.RebuildReplicasHandler;
import dev.crossfade.functions.workflow.database.WriterLineage;
import dev.crossfade.functions.workflow.run.RoutingIntent;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.testutils.InjectedFault;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.LabDns;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.StepHooks;
import dev.crossfade.local.testutils.WorkflowLab;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbParameterGroupRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Issue 13: the writer is never stale and never doubled. The real failover.asl.json in moto's
 * interpreter, its tasks the real handlers; each test failed on main (d7ae48b).
 */
class WriterNeverStaleOrDoubledTest extends WorkflowLab {

    private static final String NOT_CURRENT_REPLICA = "dev.crossfade.functions.workflow.NotCurrentReplicaException";

    /** Defect 1, three regions: ap-south-1 still follows the fenced us-east-1; promoting it would drop every write since. */
    @Test
    void threeRegions_secondFailoverTowardAReplicaOfTheOldWriter_shouldBeRefusedNotPromoteStaleData() {
        EmulatedApplication app = Seed.deployThreeRegions(harness.moto());
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config());
        // the rebuild of ap-south-1 from the new writer fails (it is best effort): ap-south-1 keeps following us-east-1
        InjectedFault denied = InjectedFault.refuse(ModifyDbInstanceRequest.class, "AccessDenied");
        handlers.put("RebuildReplicas", new RebuildReplicasHandler(app.clients(Set.of(), List.of(denied)), app.config()));
        String inEu = harness.deployWorkflow(app, STANDBY, handlers);
        String inAp = harness.deployWorkflow(app, THIRD, handlers);
        succeed(inEu, PRIMARY, STANDBY, "inc-1");
        String staleSource = app.db(THIRD).readReplicaSourceDBInstanceIdentifier();
        app.setHealthy(STANDBY, false, "eu-west-1 fails too");

        DescribeExecutionResponse run = failover(inAp, STANDBY, THIRD, "inc-2");

        assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
        assertEquals(NOT_CURRENT_REPLICA, run.error(), run::toString);
        assertTrue(run.cause().contains("replicates from " + staleSource), run.cause());
        assertEquals(staleSource, app.db(THIRD).readReplicaSourceDBInstanceIdentifier(), "ap-south-1 was not promoted");
        assertEquals(List.of(STANDBY), app.writerRegions(), "eu-west-1 stays the only writer");
        assertEquals(Optional.of(1.0), app.routing().read(STANDBY));
        assertLocksFree(app);
    }

    /**
     * Defect 1, the other replicas: after us-east-1 -> eu-west-1, ap-south-1 is rebuilt from eu-west-1 (the stale
     * replica renamed aside, kept), so a second incident can fail over to it without losing eu-west-1's writes.
     */
    @Test
    void threeRegions_secondIncidentAfterAFailover_shouldPromoteAReplicaRebuiltFromTheNewWriter() {
        EmulatedApplication app = Seed.deployThreeRegions(harness.moto());
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config());
        String inEu = harness.deployWorkflow(app, STANDBY, handlers);
        String inAp = harness.deployWorkflow(app, THIRD, handlers);
        succeed(inEu, PRIMARY, STANDBY, "inc-1");
        assertEquals(app.db(STANDBY).dbInstanceArn(), app.db(THIRD).readReplicaSourceDBInstanceIdentifier(), "rebuilt from the new writer");
        assertTrue(app.clients().get(RDS, THIRD).describeDBInstances().dbInstances().stream()
                .anyMatch(d -> d.dbInstanceIdentifier().startsWith(Seed.NAMES.dbInstance(THIRD) + "-stale-")), "the stale replica is kept");
        app.setReplicaLag(THIRD, 0);
        app.setHealthy(STANDBY, false, "eu-west-1 fails too");

        succeed(inAp, STANDBY, THIRD, "inc-2");

        assertEquals(List.of(THIRD), app.writerRegions());
        Map<String, String> tags = new WriterLineage(app.clients(), app.config()).tags(THIRD, app.db(THIRD).dbInstanceArn());
        assertEquals(app.db(STANDBY).dbInstanceArn(), tags.get(WriterLineage.PROMOTED_FROM_TAG), "promoted from the current writer");
        assertEquals(Optional.of(1.0), app.routing().read(THIRD));
        // eu-west-1 took traffic earlier in this minute (the first failover): switched off in it, desired off
        assertEquals(Optional.of(0.0), app.routing().readLowest(STANDBY));
        assertEquals(Optional.of(false), new RoutingIntent(app.clients(), app.config()).read(STANDBY));
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY));
        assertLocksFree(app);
    }

    /** Defect 1, two regions: after a failover, a plain failover back to the old, fenced primary found it "already promoted". */
    @Test
    void twoRegions_plainFailoverBackToTheStaleOldPrimary_shouldBeRefusedAndKeepTheWriter() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config());
        String inEu = harness.deployWorkflow(app, STANDBY, handlers);
        String inUs = harness.deployWorkflow(app, PRIMARY, handlers);
        succeed(inEu, PRIMARY, STANDBY, "inc-1");
        app.setReplicaLag(PRIMARY, 0);

        DescribeExecutionResponse run = failover(inUs, STANDBY, PRIMARY, "inc-2");

        assertEquals(NOT_CURRENT_REPLICA, run.error(), run::toString);
        assertTrue(run.cause().contains("standalone"), run.cause());
        assertEquals(List.of(STANDBY), app.writerRegions());
        assertEquals("off", app.parameter(STANDBY, Fencing.READ_ONLY_PARAMETER), "the up-to-date writer was not fenced");
        assertEquals(Optional.of(1.0), app.routing().read(STANDBY));
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY), "traffic does not go to the stale database");
        assertLocksFree(app);
    }

    /** Defect 2: failover records are a chain by priority; turning on only the target left DNS on the priority-2 replica. */
    @Test
    void threeRegions_failoverToThePriorityThreeRegion_shouldLeaveDnsAnsweringOnlyTheWriter() {
        EmulatedApplication app = Seed.deployThreeRegions(harness.moto());
        try (LabDns dns = new LabDns(app)) {
            assertEquals(List.of(PRIMARY), dns.answer(), "before: the primary");
            String inAp = harness.deployWorkflow(app, THIRD, WorkflowHarness.handlers(app.clients(), app.config()));

            succeed(inAp, PRIMARY, THIRD, "inc-1");

            assertEquals(List.of(THIRD), app.writerRegions());
            assertEquals(List.of(THIRD), dns.answer(), "clients resolve the writer, not the priority-2 replica");
        }
    }

    /** Defect 3: an AccessDenied on the write fence was recorded as skipped and the run promoted beside a writable old primary. */
    @Test
    void writeFenceRefusedWithAccessDenied_shouldUndoTheFenceAndStopWithoutPromoting() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config());
        InjectedFault denied = InjectedFault.refuse(ModifyDbParameterGroupRequest.class, "AccessDenied");
        handlers.put("FenceOldPrimary", new FenceOldPrimaryHandler(app.clients(Set.of(), List.of(denied)), app.config()));
        String inEu = harness.deployWorkflow(app, STANDBY, handlers);

        DescribeExecutionResponse run = failover(inEu, PRIMARY, STANDBY, "inc-1");

        assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
        assertEquals("dev.crossfade.functions.workflow.FencingFailedException", run.error(), run::toString);
        assertTrue(run.cause().contains("AccessDenied"), run.cause());
        assertEquals(app.db(PRIMARY).dbInstanceArn(), app.db(STANDBY).readReplicaSourceDBInstanceIdentifier(), "not promoted");
        assertEquals(List.of(PRIMARY), app.writerRegions());
        assertEquals(Optional.of(1.0), app.routing().read(PRIMARY), "the routing fence was undone");
        assertLocksFree(app);
    }

    /**
     * Defect 4: a run that could read neither peer's lock went on, so two runs toward different
     * targets could both promote. Now it needs the lock in a majority of the regions.
     */
    @Test
    void threeRegions_runReachingNoMajorityOfTheLockTables_shouldStandDownWithoutPromoting() {
        EmulatedApplication app = Seed.deployThreeRegions(harness.moto());
        // us-east-1 is down and ap-south-1 is cut off from eu-west-1: another run may hold ap-south-1 and us-east-1's items
        String inEu = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(Set.of(PRIMARY, THIRD)), app.config()));

        DescribeExecutionResponse run = failover(inEu, PRIMARY, STANDBY, "inc-1");

        assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
        assertEquals(LockHeldException.class.getName(), run.error(), run::toString);
        assertTrue(run.cause().contains("a majority needs 2"), run.cause());
        assertEquals(app.db(PRIMARY).dbInstanceArn(), app.db(STANDBY).readReplicaSourceDBInstanceIdentifier(), "not promoted");
        assertLocksFree(app);
    }

    /** Defect 5: AcquireLock's catch-all went to Stopped without releasing what it had written. */
    @Test
    void acquireLockFailingAfterTakingTheLock_shouldReleaseItBeforeStopping() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config());
        WorkflowHarness.wrap(handlers, "AcquireLock", real -> json -> {
            real.apply(json);
            throw new IllegalStateException("handler died after taking the lock");
        });
        String inEu = harness.deployWorkflow(app, STANDBY, handlers);

        DescribeExecutionResponse run = failover(inEu, PRIMARY, STANDBY, "inc-1");

        assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
        assertEquals(IllegalStateException.class.getName(), run.error(), run::toString);
        assertLocksFree(app);
    }

    /** Defect 5: a failed ReleaseLock went to Done, leaving the lock held for its whole lease. */
    @Test
    void releaseLockFailingOnce_shouldBeRetriedAndFreeTheLock() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config());
        AtomicBoolean failed = StepHooks.crashOnceBefore(handlers, "ReleaseLock", "handler died before releasing");
        String inEu = harness.deployWorkflow(app, STANDBY, handlers);

        succeed(inEu, PRIMARY, STANDBY, "inc-1");

        assertTrue(failed.get());
        assertLocksFree(app);
    }

    /** Runs incident {@code incident}'s failover from {@code from} to {@code to} on {@code machine}, the target region's, to its end. */
    private static DescribeExecutionResponse failover(String machine, String from, String to, String incident) {
        return harness.run(to, machine, incident, Inputs.of("failover", from, to, incident));
    }

    /** {@link #failover}, which must succeed. */
    private static void succeed(String machine, String from, String to, String incident) {
        DescribeExecutionResponse run = failover(machine, from, to, incident);
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run + " " + harness.statesEntered(to, run.executionArn()));
    }

    private static void assertLocksFree(EmulatedApplication app) {
        for (String region : app.regions()) {
            Map<String, AttributeValue> lock = app.lockItem(region);
            assertTrue(lock.isEmpty(), "lock still held in " + region + ": " + lock);
        }
    }
}
