package dev.crossfade.decision.fuzz;

import static dev.crossfade.functions.detect.DetectorServices.DYNAMODB;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.decision.FailoverPolicy;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.detect.DetectorConfig;
import dev.crossfade.functions.detect.EvaluateAlarmHandler;
import dev.crossfade.functions.detect.StateStore;
import dev.crossfade.testutils.DetectorFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real detector Lambda for the fuzzer: well-formed events run against moto (state seeded in
 * DynamoDB first), every other payload against clients aimed at a closed port, so that any AWS
 * call made for a malformed event throws and fails the case. jqwik does not run JUnit Jupiter
 * extensions, so this starts its own moto (once, on first use) and stops it after the container.
 */
final class HandlerRig implements AutoCloseable {

    /** The handler's answer and what it logged. */
    record Answer(JsonNode decision, String log) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final MotoServer moto;
    private final DetectorFixture aws;
    private final AwsClients dead = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
            Optional.of(URI.create("http://127.0.0.1:9")));

    HandlerRig() {
        moto = MotoServer.start();
        aws = new DetectorFixture(moto.endpoint(), "testing", FuzzCase.ACCOUNT);
    }

    /** Invokes the handler in {@code region} for one case; {@code wellFormed} selects moto or the dead port. */
    Answer invoke(FuzzCase c, String region, boolean wellFormed) throws IOException {
        DetectorConfig config = DetectorConfig.fromEnv(aws.env(region, c.policy().automatic(), Map.of(
                DetectorConfig.POLICY, policyJson(c.policy()),
                DetectorConfig.MODE, c.activeActive() ? "active-active" : "active-passive")));
        if (wellFormed) {
            StateStore store = new StateStore(aws.clients, aws.table, region);
            if (!store.save(c.prior(), store.load().version(), c.now())) {
                throw new IllegalStateException("could not seed the prior state in " + region);
            }
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8)); // the handler's JSON log goes with the case, not to the build log
        try {
            EvaluateAlarmHandler handler = new EvaluateAlarmHandler(config, wellFormed ? aws.clients : dead,
                    Clock.fixed(c.now(), ZoneOffset.UTC));
            handler.handleRequest(new ByteArrayInputStream(c.event()), out, null);
        } finally {
            System.setOut(stdout);
        }
        return new Answer(MAPPER.readTree(out.toByteArray()), log.toString(StandardCharsets.UTF_8));
    }

    /** Frees the failover lock a FAILOVER took, so the next case starts from its own prior state only. */
    void releaseLock(String from, String to) {
        aws.clients.get(DYNAMODB, to).deleteItem(b -> b.tableName(aws.table)
                .key(Map.of("pk", AttributeValue.fromS("LOCK#" + from), "sk", AttributeValue.fromS("FAILOVER"))));
    }

    private static String policyJson(FailoverPolicy p) {
        return MAPPER.createObjectNode().put("automatic", p.automatic()).put("rpoBudgetSeconds", p.rpoBudgetSeconds())
                .put("quorum", p.quorum()).put("dwellSeconds", p.dwellSeconds()).put("cooldownMinutes", p.cooldownMinutes())
                .put("approvalForDataLoss", p.approvalForDataLoss()).toString();
    }

    @Override
    public void close() {
        moto.close();
    }
}
