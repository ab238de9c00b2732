package dev.crossfade.functions.detect;

import static dev.crossfade.functions.detect.DetectorServices.CLOUDWATCH;
import static dev.crossfade.functions.detect.DetectorServices.DYNAMODB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.testutils.DetectionSamples;
import dev.crossfade.testutils.DetectorFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 12, defect 2, against moto over HTTP: a stored replica-lag reading never blocks a later
 * failover; the lag is read afresh (CloudWatch in the target region) for every decision that
 * depends on it, and an empty read is unknown. The real clock throughout: the datapoints put to
 * CloudWatch and the events are dated from it.
 */
@ExtendWith(MotoExtension.class)
class FreshReplicaLagMotoTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter CLOUDWATCH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private DetectorFixture aws;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** One replica name per test: the emulator's metrics outlive a test. */
    private final String REPLICA = "shop-prod-db-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void fixture(MotoServer moto) {
        aws = new DetectorFixture(moto.endpoint(), "testing", "123456789012");
    }

    private EvaluateAlarmHandler handler() {
        DetectorConfig config = DetectorConfig.fromEnv(aws.env("eu-west-1", true, Map.of(
                DetectorConfig.POLICY, "{\"automatic\":true,\"rpoBudgetSeconds\":5,\"quorum\":1,\"dwellSeconds\":0,"
                        + "\"cooldownMinutes\":30,\"approvalForDataLoss\":false}",
                DetectorConfig.REPLICA_INSTANCES, "{\"eu-west-1\":\"" + REPLICA + "\"}")));
        return new EvaluateAlarmHandler(config, aws.clients, Clock.systemUTC());
    }

    /** The sample primary ALB alarm, re-dated to now. */
    private byte[] primaryAlarmNow() {
        String json = new String(DetectionSamples.eventBytes("alarm-primary-alb-5xx.json"), StandardCharsets.UTF_8)
                .replace("2026-11-22T10:00:00.000+0000", CLOUDWATCH_TIME.format(now))
                .replace("2026-11-22T10:00:00Z", now.toString());
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A state item as an earlier evaluation left it: the lag of eu-west-1 read long ago at 42 s. */
    private void storeState(String lagJson) {
        String state = "{\"version\":1,\"regionsInTraffic\":[],\"signals\":{},\"lastExecutionAt\":null,\"openIncident\":null,"
                + "\"replicaLagSeconds\":" + lagJson + "}";
        aws.clients.get(DYNAMODB, "eu-west-1").putItem(b -> b.tableName(aws.table).item(Map.of(
                "pk", AttributeValue.fromS("STATE"), "sk", AttributeValue.fromS("CURRENT"),
                "state", AttributeValue.fromS(state), "version", AttributeValue.fromN("1"))));
    }

    private void putLag(double seconds) {
        aws.clients.get(CLOUDWATCH, "eu-west-1").putMetricData(b -> b.namespace("AWS/RDS").metricData(m -> m.metricName("ReplicaLag")
                .dimensions(d -> d.name("DBInstanceIdentifier").value(REPLICA)).timestamp(now.minusSeconds(30)).value(seconds)));
    }

    private static JsonNode invoke(EvaluateAlarmHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return MAPPER.readTree(out.toByteArray());
    }

    @Test
    void storedLagAboveBudget_withNoDataNow_shouldCountAsUnknown_andFailOver() throws IOException {
        storeState("{\"eu-west-1\": 42.0}"); // as main stored it, with no time: on main this aborted every later decision

        JsonNode decision = invoke(handler(), primaryAlarmNow());

        assertEquals("FAILOVER", decision.get("action").asText(), decision.toString());
        assertTrue(decision.get("reason").asText().contains("replica lag unknown"), decision.toString());
    }

    @Test
    void storedLagAboveBudget_withTheLagNowWithinBudget_shouldUseTheFreshReading() throws IOException {
        storeState("{\"eu-west-1\": {\"seconds\": 42.0, \"readAt\": \"" + now.minusSeconds(20) + "\"}}");
        putLag(1.0);

        JsonNode decision = invoke(handler(), primaryAlarmNow());

        assertEquals("FAILOVER", decision.get("action").asText(), decision.toString());
        assertTrue(decision.get("reason").asText().contains("replica lag 1.0 s"), decision.toString());
    }

    @Test
    void lagAboveBudget_readNow_shouldAbort_evenWithNoStoredReading() throws IOException {
        putLag(42.0);

        JsonNode aborted = invoke(handler(), primaryAlarmNow());

        assertEquals("NONE", aborted.get("action").asText(), aborted.toString());
        assertTrue(aborted.get("reason").asText().contains("42.0 s, above the RPO budget"), aborted.toString());
    }
}
