package dev.crossfade.local.workflow;

import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.LockHeldException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.run.AcquireLockHandler;
import dev.crossfade.functions.workflow.state.RunLock;
import dev.crossfade.local.CallTimer;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.SeedInMoto;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The run lock against moto's DynamoDB in two regions: a run in one region sees a run in the other. */
class RunLockTest extends SeedInMoto {

    private static final StepInput FAILOVER = Inputs.step("failover-us-east-1-to-eu-west-1.json", "failover-run");
    private static final StepInput OTHER_RUN = Inputs.step("failover-us-east-1-to-eu-west-1.json", "failback-run-in-us-east-1");

    @Test
    void liveLockInAnotherRegion_shouldMakeTheRunStandDownAndReleaseItsOwnLock() {
        // a run in us-east-1 that could not write eu-west-1's table: its item is in us-east-1 only
        long later = Instant.now().plus(Duration.ofMinutes(30)).getEpochSecond();
        app.clients().get(DYNAMODB, PRIMARY).putItem(r -> r.tableName(app.config().stateTable()).item(Map.of(
                "pk", AttributeValue.fromS("lock#" + app.config().application()), "owner", AttributeValue.fromS(OTHER_RUN.executionId()),
                "incidentId", AttributeValue.fromS("inc-2"), "expiresAt", AttributeValue.fromN(Long.toString(later)))));

        LockHeldException thrown = assertThrows(LockHeldException.class, () -> lock(app.clients(), STANDBY).acquire(FAILOVER));

        assertTrue(thrown.getMessage().contains("in progress in " + PRIMARY + ": failback-run-in-us-east-1"), thrown.getMessage());
        assertEquals(Map.of(), lockItem(STANDBY), "the run that stood down left no lock behind");
        assertEquals("failback-run-in-us-east-1", lockItem(PRIMARY).get("owner").s(), "the other run keeps its lock");
    }

    @Test
    void expiredLockInAnotherRegion_shouldNotBlockTheRun() {
        long past = Instant.now().minus(Duration.ofMinutes(1)).getEpochSecond();
        app.clients().get(DYNAMODB, PRIMARY).putItem(r -> r.tableName(app.config().stateTable()).item(Map.of(
                "pk", AttributeValue.fromS("lock#" + app.config().application()), "owner", AttributeValue.fromS("a-dead-run"),
                "incidentId", AttributeValue.fromS("old"), "expiresAt", AttributeValue.fromN(Long.toString(past)))));

        RunLock.Held held = lock(app.clients(), STANDBY).acquire(FAILOVER);

        assertEquals("failover-run", held.owner());
        assertEquals("failover-run", lockItem(STANDBY).get("owner").s());
    }

    @Test
    void unreachablePeer_shouldBeListedAndNotBlockTheRun() {
        RunLock.Held held = lock(app.clients(Set.of(PRIMARY)), STANDBY).acquire(FAILOVER);

        assertEquals(1, held.peersUnchecked().size(), held.toString());
        assertTrue(held.peersUnchecked().getFirst().startsWith(PRIMARY + ": "), held.toString());
        assertEquals("failover-run", lockItem(STANDBY).get("owner").s());
    }

    @Test
    void runInAnotherRegion_shouldHoldTheLockInEveryRegionItReaches() {
        lock(app.clients(), PRIMARY).acquire(OTHER_RUN);

        assertEquals(OTHER_RUN.executionId(), lockItem(STANDBY).get("owner").s(), "written into the peer's table too");
        assertThrows(LockHeldException.class, () -> lock(app.clients(), STANDBY).acquire(FAILOVER));
        assertTrue(lock(app.clients(), PRIMARY).release(OTHER_RUN));
        assertEquals(Map.of(), lockItem(STANDBY), "released everywhere");
    }

    @Test
    void noOtherRun_shouldTakeTheLockAndLetTheSameExecutionTakeItAgain() {
        RunLock lock = lock(app.clients(), STANDBY);

        RunLock.Held first = lock.acquire(FAILOVER);
        RunLock.Held again = lock.acquire(FAILOVER);

        assertEquals(first, again);
        assertEquals(java.util.List.of(), first.peersUnchecked());
        assertTrue(lock.release(FAILOVER));
        assertEquals(Map.of(), lockItem(STANDBY));
    }

    /**
     * A region outage: the run could not write the lock into the region that is out, so its renewals
     * (every polling step on the critical path) must not wait for that region to refuse again.
     */
    @Test
    void renew_shouldNotCallAPeerTheRunCouldNotReachAtAcquire() {
        CallTimer calls = new CallTimer();
        RunLock lock = lock(app.clients(Set.of(PRIMARY), java.util.List.of(calls)), STANDBY);
        lock.acquire(FAILOVER);
        int atAcquire = calls.calls().size();

        lock.renew(FAILOVER, Duration.ZERO);

        java.util.List<CallTimer.Call> renewal = calls.calls().subList(atAcquire, calls.calls().size());
        assertEquals(java.util.List.of("UpdateItem " + STANDBY), renewal.stream().map(c -> c.operation() + " " + c.region()).toList(),
                "the renewal went to the target region only");
    }

    /**
     * A peer that refuses (a region that is out) costs the SDK's standard three attempts, not
     * DynamoDB's legacy nine with their growing backoff (seconds on the critical path).
     */
    @Test
    void acquireAndRelease_withAPeerThatRefuses_shouldTryItAtMostThreeTimesEach() {
        Map<String, java.util.concurrent.atomic.AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor counter = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                           software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                String call = attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME) + " "
                        + attributes.getAttribute(software.amazon.awssdk.awscore.AwsExecutionAttribute.AWS_REGION);
                attempts.computeIfAbsent(call, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            }
        };
        RunLock lock = lock(app.clients(Set.of(PRIMARY), java.util.List.of(counter)), STANDBY);

        lock.acquire(FAILOVER);
        lock.release(FAILOVER);

        assertEquals(Set.of("PutItem " + PRIMARY, "DeleteItem " + PRIMARY, "PutItem " + STANDBY, "UpdateItem " + STANDBY, "DeleteItem " + STANDBY),
                attempts.keySet(), attempts.toString());
        assertTrue(attempts.get("PutItem " + PRIMARY).get() <= 3 && attempts.get("DeleteItem " + PRIMARY).get() <= 3, attempts.toString());
    }

    @Test
    void renew_shouldExtendTheLeaseInEveryRegionTheRunHolds() {
        CallTimer calls = new CallTimer();
        RunLock lock = lock(app.clients(Set.of(), java.util.List.of(calls)), STANDBY);
        lock.acquire(FAILOVER);
        long before = Long.parseLong(lockItem(PRIMARY).get("expiresAt").n());
        int atAcquire = calls.calls().size();

        lock.renew(FAILOVER, Duration.ofMinutes(5));

        assertEquals(java.util.List.of("UpdateItem " + STANDBY, "UpdateItem " + PRIMARY),
                calls.calls().subList(atAcquire, calls.calls().size()).stream().map(c -> c.operation() + " " + c.region()).toList());
        assertTrue(Long.parseLong(lockItem(PRIMARY).get("expiresAt").n()) >= before + 300, "the peer's lease extended: " + lockItem(PRIMARY));
    }

    /** A lock written before the item named where it is held (an older version's run): renewed in every peer, as then. */
    @Test
    void renew_ofALockThatDoesNotNameWhereItIsHeld_shouldTryEveryPeer() {
        CallTimer calls = new CallTimer();
        RunLock lock = lock(app.clients(Set.of(), java.util.List.of(calls)), STANDBY);
        lock.acquire(FAILOVER);
        app.clients().get(DYNAMODB, STANDBY).updateItem(r -> r.tableName(app.config().stateTable())
                .key(Map.of("pk", AttributeValue.fromS("lock#" + app.config().application()))).updateExpression("REMOVE heldIn"));
        int atAcquire = calls.calls().size();

        lock.renew(FAILOVER, Duration.ZERO);

        assertEquals(java.util.List.of("UpdateItem " + STANDBY, "UpdateItem " + PRIMARY),
                calls.calls().subList(atAcquire, calls.calls().size()).stream().map(c -> c.operation() + " " + c.region()).toList());
    }

    private RunLock lock(AwsClients clients, String region) {
        return new RunLock(clients, app.config(), region, AcquireLockHandler.LEASE);
    }

    private Map<String, AttributeValue> lockItem(String region) {
        return app.clients().get(DYNAMODB, region).getItem(r -> r.tableName(app.config().stateTable())
                .key(Map.of("pk", AttributeValue.fromS("lock#" + app.config().application()))).consistentRead(true)).item();
    }
}
