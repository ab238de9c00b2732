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

    private RunLock lock(AwsClients clients, String region) {
        return new RunLock(clients, app.config(), region, AcquireLockHandler.LEASE);
    }

    private Map<String, AttributeValue> lockItem(String region) {
        return app.clients().get(DYNAMODB, region).getItem(r -> r.tableName(app.config().stateTable())
                .key(Map.of("pk", AttributeValue.fromS("lock#" + app.config().application()))).consistentRead(true)).item();
    }
}
