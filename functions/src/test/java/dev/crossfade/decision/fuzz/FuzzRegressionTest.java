package dev.crossfade.decision.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.decision.DecisionEngine;
import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.EventParser;
import dev.crossfade.decision.FailoverPolicy;
import java.util.List;
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
}
