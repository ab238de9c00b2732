package dev.crossfade.local;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.json.JsonValue;
import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.database.WriterGuard;
import dev.crossfade.functions.workflow.database.WriterGuardHandler;
import dev.crossfade.functions.workflow.database.WriterLineage;
import dev.crossfade.functions.workflow.state.RoutingVeto;
import dev.crossfade.functions.workflow.state.WriterRecord;
import dev.crossfade.local.testutils.SeedInMoto;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 13, the chaos lab's finding 1: a run that found the old primary unreachable promotes
 * without its write fence, and when the old region comes back its database is a standalone
 * instance that accepts writes beside the new writer. On main before the guard nothing ever
 * fenced it. Each region's {@link WriterGuard}, over moto's HTTP APIs, fences its own database
 * when the recorded writer is another region, and leaves every other case alone.
 */
class WriterGuardTest extends SeedInMoto {

    /** What an unfenced failover leaves: the standby promoted, the old primary standalone and writable, the outcome recorded. */
    private void failoverWithoutFence() {
        app.clients().get(RDS, STANDBY).promoteReadReplica(r -> r.dbInstanceIdentifier(app.names().dbInstance(STANDBY)));
        new WriterRecord(app.clients(), app.config()).write(STANDBY, "run-1", Instant.now());
    }

    private WriterGuard guard(String region) {
        return new WriterGuard(app.clients(), app.config(), region);
    }

    @Test
    void oldPrimaryBackAsAWriter_shouldBeFencedByItsOwnGuard_once() {
        failoverWithoutFence();
        assertEquals(List.of(PRIMARY, STANDBY), app.writerRegions(), "two writers: the defect the guard closes");

        WriterGuard.Outcome first = guard(PRIMARY).check(Instant.now());
        WriterGuard.Outcome second = guard(PRIMARY).check(Instant.now());

        assertEquals(WriterGuard.FENCED, first.action(), first.detail());
        assertEquals("on", app.parameter(PRIMARY, EmulatedApplication.READ_ONLY_PARAMETER));
        assertEquals(List.of(STANDBY), app.writerRegions());
        assertEquals(WriterGuard.ALREADY_FENCED, second.action(), second.detail());
        assertEquals(WriterGuard.WRITER, guard(STANDBY).check(Instant.now()).action(), "the new writer's own guard leaves it");
    }

    @Test
    void fencedOldPrimary_shouldHaveItsVetoLifted_onlyOnceItsRoutingControlReadsOff() {
        failoverWithoutFence();
        RoutingVeto veto = new RoutingVeto(app.clients(), app.config());
        veto.set(PRIMARY, true); // what the run left: it could not reach us-east-1
        assertEquals(WriterGuard.FENCED, guard(PRIMARY).check(Instant.now()).action());

        WriterGuard.Outcome stillOn = guard(PRIMARY).check(Instant.now());
        assertEquals(WriterGuard.ALREADY_FENCED, stillOn.action());
        assertFalse(stillOn.vetoLifted(), "its own routing control still reads on (the deployer's 1): the veto stays");

        app.routing().set(PRIMARY, false); // its detector republished the desired state
        WriterGuard.Outcome lifted = guard(PRIMARY).check(Instant.now());

        assertTrue(lifted.vetoLifted(), lifted.detail());
        assertEquals(Optional.of(0.0), veto.readLowest(PRIMARY));
    }

    @Test
    void noRunEverMovedTheWriter_shouldChangeNothing() {
        assertEquals(WriterGuard.NO_RECORD, guard(PRIMARY).check(Instant.now()).action());
        assertEquals(WriterGuard.NO_RECORD, guard(STANDBY).check(Instant.now()).action());
        assertEquals(List.of(PRIMARY), app.writerRegions());
    }

    @Test
    void aReplica_shouldBeLeftAlone() {
        new WriterRecord(app.clients(), app.config()).write(PRIMARY, "failback-1", Instant.now());

        assertEquals(WriterGuard.REPLICA, guard(STANDBY).check(Instant.now()).action());
        assertEquals(WriterGuard.WRITER, guard(PRIMARY).check(Instant.now()).action());
        assertEquals(List.of(PRIMARY), app.writerRegions());
    }

    @Test
    void whileARunHoldsTheLockInAnyTable_shouldWait() {
        failoverWithoutFence();
        // a run (promoting this region, for all the guard knows) holds the lock in the peer's table only
        app.clients().get(DYNAMODB, STANDBY).putItem(r -> r.tableName(app.names().stateTable()).item(Map.of(
                "pk", AttributeValue.fromS("lock#" + app.names().application()), "owner", AttributeValue.fromS("run-2"),
                "incidentId", AttributeValue.fromS("i-2"), "expiresAt", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 600)))));

        WriterGuard.Outcome held = guard(PRIMARY).check(Instant.now());

        assertEquals(WriterGuard.HELD, held.action(), held.detail());
        assertTrue(held.detail().contains("run-2"), held.detail());
        assertEquals(List.of(PRIMARY, STANDBY), app.writerRegions());
        // the lease runs out: the guard acts
        assertEquals(WriterGuard.FENCED, guard(PRIMARY).check(Instant.now().plusSeconds(601)).action());
    }

    @Test
    void aTargetPromotedFromTheRecordedWriterByARunThatRecordedNothing_shouldNotBeFenced() {
        // a run tagged and promoted eu-west-1, then died before RecordRun: the record still names us-east-1
        new WriterRecord(app.clients(), app.config()).write(PRIMARY, "run-0", Instant.now());
        String source = app.db(PRIMARY).dbInstanceArn();
        app.clients().get(RDS, STANDBY).addTagsToResource(r -> r.resourceName(app.db(STANDBY).dbInstanceArn())
                .tags(WriterLineage.promotionTags(source, "i-1")));
        app.clients().get(RDS, STANDBY).promoteReadReplica(r -> r.dbInstanceIdentifier(app.names().dbInstance(STANDBY)));

        WriterGuard.Outcome outcome = guard(STANDBY).check(Instant.now());

        assertEquals(WriterGuard.PROMOTED_UNRECORDED, outcome.action(), outcome.detail());
        assertNotEquals("on", app.parameter(STANDBY, EmulatedApplication.READ_ONLY_PARAMETER));
    }

    @Test
    void newestRecordWins_overEveryTableThatAnswers() {
        WriterRecord record = new WriterRecord(app.clients(), app.config());
        Instant now = Instant.now();
        record.write(STANDBY, "run-2", now);
        // an older record written later (a delayed RecordRun) changes nothing
        record.write(PRIMARY, "run-1", now.minusSeconds(60));
        // a region that was out when run-2 recorded holds only the older one
        app.clients().get(DYNAMODB, PRIMARY).putItem(r -> r.tableName(app.names().stateTable()).item(Map.of(
                "pk", AttributeValue.fromS(WriterRecord.key(app.names().application())), "region", AttributeValue.fromS(PRIMARY),
                "setAt", AttributeValue.fromN(Long.toString(now.minusSeconds(600).toEpochMilli())), "setBy", AttributeValue.fromS("run-0"))));

        assertEquals(Optional.of(new WriterRecord.Writer(STANDBY, now.toEpochMilli(), "run-2")), record.read());
    }

    @Test
    void handler_shouldAnswerTheOutcomeAsJson() {
        failoverWithoutFence();

        JsonValue answer = Json.tree(new WriterGuardHandler(app.clients(), app.config(), PRIMARY)
                .apply("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\"}"));

        assertEquals(WriterGuard.FENCED, answer.path("action").asText());
    }

    @Test
    void recordOfARun_shouldNameTheTargetOnlyOnceItsPromotionCompleted() {
        assertEquals(Optional.of(STANDBY), WriterRecord.of(Json.tree("{\"from\":\"us-east-1\",\"to\":\"eu-west-1\","
                + "\"promotionStatus\":{\"writer\":\"x\"}}")));
        assertEquals(Optional.of(STANDBY), WriterRecord.of(Json.tree("{\"from\":\"us-east-1\",\"to\":\"eu-west-1\","
                + "\"unfence\":{\"targetPromoted\":true}}")));
        assertEquals(Optional.empty(), WriterRecord.of(Json.tree("{\"from\":\"us-east-1\",\"to\":\"eu-west-1\",\"fencing\":{}}")));
    }
}
