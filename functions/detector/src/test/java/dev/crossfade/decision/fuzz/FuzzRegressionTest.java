package dev.crossfade.decision.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DecisionEngine;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.EventParser;
import dev.crossfade.decision.FailoverPolicy;
import dev.crossfade.decision.Incident;
import dev.crossfade.testutils.DetectionSamples;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Counterexamples the fuzzer found, kept as plain tests (docs/detection.md "Fuzzing"). */
class FuzzRegressionTest {

    private static final FailoverPolicy QUORUM_1 = new FailoverPolicy(true, 0, 1, 0, 0, true);

    /** Found by mutatedSample_shouldBeNoneUnlessStillWellFormed: Jackson's "last one wins" made it a FAILOVER. */
    @Test
    void sampleWithADuplicatedField_shouldBeRejectedAndAnsweredNone() {
        byte[] duplicated = Mutations.apply("alarm-primary-alb-5xx.json",
                List.of(new Mutations.Mutation(Mutations.Op.DUPLICATE_KEY, 0, 0, ""))).bytes();
        FuzzCase c = new FuzzCase("regression", "duplicate field", QUORUM_1, false, DetectorState.empty(),
                EventGenerators.BASE, duplicated);
        EventParser parser = new EventParser(c.deployment());

        DetectorEvent lenient = parser.parseLenient(duplicated);
        DetectorEvent strict = parser.parse(duplicated);
        Decision decision = new DecisionEngine().evaluate(c.deployment(), c.prior(), lenient, c.now()).decision();

        assertInstanceOf(DetectorEvent.Rejected.class, strict, "the CLI answers NONE (exit 0), not 'not JSON'");
        assertTrue(((DetectorEvent.Rejected) lenient).reason().contains("Duplicate field"), lenient.toString());
        assertEquals(Decision.Action.NONE, decision.action());
        assertEquals(Decision.Action.NONE, Oracle.expected(c.deployment(), c.prior(), duplicated, c.now()).action());
    }

    /**
     * Found by anyEvent_throughTheLambdaHandler_shouldAnswerLikeTheOracle: a run status whose
     * executionArn (a field nobody reads) became a huge number is still a well-formed run status,
     * but the oracle knew no run statuses, judged it malformed, and sent it to the dead port.
     */
    @Test
    void runStatusWithAnUnreadFieldMangled_isWellFormed_andAnsweredNoneThroughTheHandler() throws Exception {
        byte[] event = runStatus(n -> n.put("executionArn", Long.MIN_VALUE));
        FuzzCase c = new FuzzCase("regression", "run status, executionArn a number", QUORUM_1, false, DetectorState.empty(),
                EventGenerators.BASE, event);

        assertTrue(Oracle.wellFormed(c.deployment(), event), "a run status of this application's state machine");
        assertInstanceOf(DetectorEvent.RunStatus.class, new EventParser(c.deployment()).parseLenient(event));
        try (HandlerRig rig = new HandlerRig()) {
            var answer = rig.invoke(c, "eu-west-1", true);
            assertEquals("NONE", answer.decision().get("action").asText(), answer.log());
        }
        assertEquals(Decision.Action.NONE, Oracle.expected(c.deployment(), c.prior(), event, c.now()).action());
    }

    /** The oracle's run rule and the engine agree on a failed run of the open incident, and on foreign machines. */
    @Test
    void runStatus_oracleAndEngineAgree() throws Exception {
        var open = new Incident("us-east-1-1795341000", "us-east-1", "eu-west-1", EventGenerators.BASE.minusSeconds(600),
                Optional.empty(), true, Incident.PEER_LOCKED);
        DetectorState prior = DetectorState.empty().withIncident(Optional.of(open));
        for (var mutation : List.<java.util.function.Consumer<ObjectNode>>of(n -> {}, n -> n.put("status", "SUCCEEDED"),
                n -> n.put("status", "failed"), n -> n.put("stateMachineArn", "arn:aws:states:eu-west-1:1:stateMachine:other-prod-failover"),
                n -> n.put("name", "eu-west-1-to-us-east-1-1795341600"), n -> n.remove("name"))) {
            byte[] event = runStatus(mutation);
            FuzzCase c = new FuzzCase("regression", "run status", QUORUM_1, false, prior, EventGenerators.BASE, event);
            var expected = Oracle.expected(c.deployment(), prior, event, c.now());
            Decision actual = new DecisionEngine().evaluate(c.deployment(), prior,
                    new EventParser(c.deployment()).parseLenient(event), c.now()).decision();
            assertEquals(expected.action(), actual.action(), c + "\n" + actual.reason());
            assertEquals(Optional.ofNullable(expected.from()), actual.from(), c.toString());
        }
        byte[] failed = runStatus(n -> {});
        assertEquals(Decision.Action.NOTIFY_ONLY, Oracle.expected(new FuzzCase("r", "r", QUORUM_1, false, prior,
                EventGenerators.BASE, failed).deployment(), prior, failed, EventGenerators.BASE).action(), "the sample run FAILED");
    }

    private static byte[] runStatus(java.util.function.Consumer<ObjectNode> detail) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(Files.readAllBytes(
                DetectionSamples.repoRoot().resolve("events/step-functions-execution-failed.json")));
        detail.accept((ObjectNode) root.get("detail"));
        return json.writeValueAsBytes(root);
    }
}
