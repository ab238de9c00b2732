package dev.crossfade.local;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DeploymentFactory;
import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.detect.DetectorConfig;
import dev.crossfade.functions.detect.RoutingRepublisher;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.run.RoutingIntent;
import dev.crossfade.local.MetricHealthCheck.InsufficientDataHealthStatus;
import dev.crossfade.local.testutils.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 15, "the traffic switch must hold", under the Route 53 rules of {@link MetricHealthCheck}:
 * the old switch (a high-resolution routing control published once, a health check reading
 * missing data as Healthy) fails them, the new one (standard resolution, missing data is the last
 * known status, each region's tick republishing its durable desired state) holds. Datapoints are
 * dated by the real clock; "later" is an evaluation instant ahead of it, never a sleep.
 */
@ExtendWith(MotoExtension.class)
class RoutingSwitchHoldsTest {

    private EmulatedApplication app;
    private Instant now;

    @BeforeEach
    void deploy(MotoServer moto) {
        app = Seed.deployRds(moto);
        now = Instant.now();
    }

    @Test
    void oldDesign_alarmOnTheHighResolutionRoutingControl_isRefusedNamingTheAlarmAndTheRule() {
        // main's switch before this change: a 1 s metric behind a 10 s alarm
        String alarm = app.names().routingAlarm(PRIMARY);
        putRoutingAlarm(PRIMARY, alarm, 10);

        MetricHealthCheck.UnsupportedAlarmException refused = assertThrows(MetricHealthCheck.UnsupportedAlarmException.class,
                () -> check(PRIMARY, InsufficientDataHealthStatus.Healthy).healthy(now));

        assertTrue(refused.getMessage().contains(alarm), refused.getMessage());
        assertTrue(refused.getMessage().contains("High-resolution metrics aren't supported"), refused.getMessage());
    }

    @Test
    void oldDesign_fencePublishedOnceAndMissingDataHealthy_putsTheFencedRegionBackIntoDnsAFewPeriodsLater() {
        MetricHealthCheck oldCheck = check(PRIMARY, InsufficientDataHealthStatus.Healthy);
        app.routing().set(PRIMARY, false);

        assertFalse(oldCheck.healthy(now.plusSeconds(5)), "the fence bites while its datapoint is in the alarm's period");
        // the defect: nobody republishes, the data runs out, and "insufficient data" reads Healthy
        assertTrue(oldCheck.healthy(now.plus(Duration.ofMinutes(3))), "the old design lets the fenced region back in");
    }

    @Test
    void newDesign_fencedRegionStaysOutWhileNoDatapointsArrive() {
        MetricHealthCheck check = app.routingCheck(PRIMARY, 1);
        app.routing().set(PRIMARY, false);

        assertFalse(check.healthy(now.plusSeconds(5)));
        assertFalse(check.healthy(now.plus(Duration.ofMinutes(3))), "missing data keeps the last known status");
        assertFalse(check.healthy(now.plus(Duration.ofHours(2))));
    }

    @Test
    void standIn_askedLate_keepsTheStatusThatRoute53sContinuousCheckersSawInBetween() {
        // the seed-7 chaos replay under load: the lab's evaluator came later than once per window,
        // no evaluation held the veto's one datapoint, and "last known" stayed healthy
        MetricHealthCheck check = app.routingCheck(PRIMARY, 1);
        assertTrue(check.healthy(now.minusSeconds(30)), "before the fence: no data, never a status");
        app.routing().set(PRIMARY, false);

        // the next evaluation three periods later: the fence's datapoint has left the alarm's window
        assertFalse(check.healthy(now.plus(Duration.ofMinutes(3))), "a checker evaluating continuously saw the fence");
        assertFalse(check.healthy(now.plus(Duration.ofMinutes(30))));
    }

    @Test
    void standIn_askedLate_catchesUpOnTheNewestWindowOnly() {
        // fenced, then switched back on, both between two evaluations: the newest data decides
        MetricHealthCheck check = app.routingCheck(PRIMARY, 1);
        assertTrue(check.healthy(now.minusSeconds(30)));
        app.routing().set(PRIMARY, false, now);
        app.routing().set(PRIMARY, true, now.plus(Duration.ofMinutes(2)));

        assertTrue(check.healthy(now.plus(Duration.ofMinutes(10))), "the newest status between the two evaluations is on");
    }

    @Test
    void newDesign_neverSwitchedRegion_isHealthyWithoutData() {
        // the deployer's datapoint is two minutes old: no data in the period, no status known yet
        assertTrue(app.routingCheck(STANDBY, 1).healthy(now));
    }

    @Test
    void newDesign_tickRepublishesTheDesiredState_andTheCheckFollowsItMinuteByMinute() {
        MetricHealthCheck check = app.routingCheck(PRIMARY, 1);
        RoutingIntent intents = new RoutingIntent(app.clients(), app.config());
        RoutingRepublisher tick = republisher(PRIMARY);

        intents.write(Map.of(PRIMARY, false, STANDBY, true), "run-1", now.minusSeconds(1));
        RoutingRepublisher.Outcome first = tick.republish(now);

        assertEquals("PUBLISHED", first.action(), first.detail());
        assertFalse(check.healthy(now.plusSeconds(5)));
        // minutes later, each tick publishes again: still out, with data, not only by the last known status
        for (int minute = 1; minute <= 3; minute++) {
            tick.republish(now.plus(Duration.ofMinutes(minute)));
            assertFalse(check.healthy(now.plus(Duration.ofMinutes(minute)).plusSeconds(5)), "minute " + minute);
        }
        // a newer desired state (a failback's run record) switches it back on at the next tick
        intents.write(Map.of(PRIMARY, true), "run-2", now.plus(Duration.ofMinutes(4)));
        tick.republish(now.plus(Duration.ofMinutes(5)));
        assertTrue(check.healthy(now.plus(Duration.ofMinutes(5)).plusSeconds(5)));
        assertEquals(Optional.of(true), intents.read(PRIMARY));
    }

    @Test
    void newDesign_whileARunHoldsTheLock_theTickLeavesTheRunsFenceInPlace() {
        MetricHealthCheck check = app.routingCheck(PRIMARY, 1);
        new RoutingIntent(app.clients(), app.config()).write(Map.of(PRIMARY, true), "before", now.minusSeconds(60));
        app.clients().get(DYNAMODB, PRIMARY).putItem(r -> r.tableName(app.names().stateTable()).item(Map.of(
                "pk", AttributeValue.fromS("lock#" + app.names().application()), "owner", AttributeValue.fromS("run-1"),
                "incidentId", AttributeValue.fromS("inc-1"),
                "expiresAt", AttributeValue.fromN(Long.toString(now.plus(Duration.ofHours(1)).getEpochSecond())))));
        app.routing().set(PRIMARY, false);

        RoutingRepublisher.Outcome held = republisher(PRIMARY).republish(now.plusSeconds(70));

        assertEquals("HELD", held.action(), held.detail());
        assertFalse(check.healthy(now.plusSeconds(5)));
        assertFalse(check.healthy(now.plusSeconds(75)), "the stale desired state 'on' was not republished over the fence");
    }

    @Test
    void newDesign_desiredStateSurvivesInThePeersTables_whenTheRegionsOwnTableLacksIt() {
        new RoutingIntent(app.clients(), app.config()).write(Map.of(PRIMARY, false), "run-1", now);
        // the region was unreachable when the run wrote: its own table holds an older "on"
        app.clients().get(DYNAMODB, PRIMARY).putItem(r -> r.tableName(app.names().stateTable()).item(Map.of(
                "pk", AttributeValue.fromS(RoutingIntent.key(app.names().application(), PRIMARY)), "on", AttributeValue.fromBool(true),
                "setAt", AttributeValue.fromN(Long.toString(now.minusSeconds(600).toEpochMilli())), "setBy", AttributeValue.fromS("old"))));

        RoutingRepublisher.Outcome outcome = republisher(PRIMARY).republish(now);

        assertEquals(Optional.of(false), outcome.on(), outcome.detail());
    }

    @Test
    void detectorTick_shouldRepublishTheRegionsDesiredState_andAFailedRepublishShouldNotFailTheEvaluation() {
        new RoutingIntent(app.clients(), app.config()).write(Map.of(PRIMARY, false), "run-1", now.minusSeconds(1));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        LocalDetectors detectors = new LocalDetectors(app, java.time.Clock.systemUTC(), new java.io.PrintStream(log));

        detectors.tick(Instant.now());

        assertFalse(app.routingCheck(PRIMARY, 1).healthy(Instant.now().plusSeconds(1)), "the tick published the desired 0");
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY));

        // the workflow's state table is gone: the tick logs, counts, and still decides
        app.clients().get(DYNAMODB, STANDBY).deleteTable(r -> r.tableName(app.names().stateTable()));
        var decisions = detectors.tick(Instant.now());
        assertTrue(decisions.containsKey(STANDBY), decisions.toString());
        assertTrue(log.toString().contains("routing control republish failed"), log.toString());
        // counted in embedded metric format, like the detector's other metrics (docs/detection.md "Metrics")
        assertTrue(log.toString().lines().anyMatch(l -> l.contains("\"_aws\"") && l.contains("\"RoutingRepublishFailures\":")),
                log.toString());
    }

    /**
     * Issue 13 / the chaos lab's "detector-belief" finding: a detector whose region was out while a
     * run moved the writer missed the run's outcome event and kept believing the old primary takes
     * traffic; on main before the fix nothing re-read the outcome. Its next tick reads what the run
     * recorded (the writer record and the desired states) from the tables that answer.
     */
    @Test
    void returningDetector_shouldLearnTheRecordedOutcomeOnItsNextTick() {
        LocalDetectors detectors = new LocalDetectors(app, java.time.Clock.systemUTC(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        var store = new dev.crossfade.functions.detect.StateStore(detectorClients(), app.names().detectorTable(), PRIMARY);
        var deployment = dev.crossfade.decision.DeploymentFactory.from(app.topology());
        assertEquals(java.util.List.of(PRIMARY), store.load().traffic(deployment), "as deployed");
        // what RecordRun of a run toward eu-west-1 left while us-east-1 was out: only eu-west-1's table got it
        new RoutingIntent(app.clients(), app.config()).write(Map.of(PRIMARY, false, STANDBY, true), "run-1", now.minusSeconds(5));
        new dev.crossfade.functions.workflow.state.WriterRecord(app.clients(), app.config()).write(STANDBY, "run-1", now.minusSeconds(5));
        for (String key : java.util.List.of(RoutingIntent.key(app.names().application(), PRIMARY),
                RoutingIntent.key(app.names().application(), STANDBY), dev.crossfade.functions.workflow.state.WriterRecord.key(app.names().application()))) {
            app.clients().get(DYNAMODB, PRIMARY).deleteItem(r -> r.tableName(app.names().stateTable()).key(Map.of("pk", AttributeValue.fromS(key))));
        }

        detectors.tick(Instant.now());

        var belief = store.load();
        assertEquals(java.util.List.of(STANDBY), belief.traffic(deployment));
        assertEquals(STANDBY, belief.writer(deployment));
    }

    private AwsClients detectorClients() {
        return new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                Optional.of(app.moto().endpoint()));
    }

    @Test
    void keys_shouldBeTheSameOnTheWorkflowAndTheDetectorSide() {
        assertEquals(RoutingIntent.key("a", "r"), RoutingRepublisher.intentKey("a", "r"));
        assertEquals(dev.crossfade.functions.workflow.state.WriterRecord.key("a"), RoutingRepublisher.writerKey("a"));
        assertEquals(dev.crossfade.functions.workflow.state.RunLock.key("a"), RoutingRepublisher.lockKey("a"));
        assertEquals(WorkflowConfig.ROUTING_NAMESPACE, RoutingRepublisher.NAMESPACE);
        assertEquals(WorkflowConfig.ROUTING_METRIC, RoutingRepublisher.METRIC);
    }

    private MetricHealthCheck check(String region, InsufficientDataHealthStatus missing) {
        return new MetricHealthCheck(new MetricHealthCheck.Config(app.names().routingAlarm(region), region, missing),
                in -> app.clients().get(CLOUDWATCH, in), 1);
    }

    private void putRoutingAlarm(String region, String name, int period) {
        app.clients().get(CLOUDWATCH, region).putMetricAlarm(b -> b.alarmName(name).namespace(WorkflowConfig.ROUTING_NAMESPACE)
                .metricName(WorkflowConfig.ROUTING_METRIC).dimensions(app.routing().dimensions(region).entrySet().stream()
                        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .statistic(Statistic.MAXIMUM).period(period).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD));
    }

    private RoutingRepublisher republisher(String region) {
        Deployment deployment = DeploymentFactory.from(app.topology());
        AwsClients clients = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                Optional.of(app.moto().endpoint()));
        DetectorConfig config = new DetectorConfig(region, deployment, app.names().detectorTable(), app.names().stateMachine(),
                Map.of(), Optional.of(app.moto().endpoint()), Optional.of(app.names().stateTable()));
        return new RoutingRepublisher(clients, config, app.names().stateTable());
    }
}
