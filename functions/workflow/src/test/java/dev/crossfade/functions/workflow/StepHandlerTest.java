package dev.crossfade.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.aws.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A step given to the constructor, or an overridden handle: either runs on the validated input. */
class StepHandlerTest {

    private static final AwsClients CLIENTS = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
            Optional.empty());
    private static final WorkflowConfig CONFIG = WorkflowConfig.fromEnv(Map.of("CROSSFADE_APPLICATION", "shop-prod",
            "CROSSFADE_DB_ENGINE", "rds-postgres", "CROSSFADE_REGIONS", WorkflowConfigTest.REGIONS,
            "CROSSFADE_RPO_BUDGET_SECONDS", "5", "CROSSFADE_STATE_TABLE", "t"));
    private static final String INPUT = "{\"mode\":\"failover\",\"from\":\"us-east-1\",\"to\":\"eu-west-1\"}";

    private static final class GivenStep extends StepHandler {
        GivenStep(AtomicBoolean ran) {
            super(CLIENTS, CONFIG, List.of(), input -> {
                ran.set(true);
                return Map.of("to", input.to());
            });
        }
    }

    private static final class OverridingHandle extends StepHandler {
        OverridingHandle() {
            super(CLIENTS, CONFIG, List.of());
        }

        @Override
        protected Object handle(StepInput input) {
            return Map.of("from", input.from());
        }
    }

    private static final class NoStep extends StepHandler {
        NoStep() {
            super(CLIENTS, CONFIG, List.of());
        }
    }

    @Test
    void givenStep_shouldAnswerWithItsResultAsJson() {
        assertEquals("{\"to\":\"eu-west-1\"}", new GivenStep(new AtomicBoolean()).apply(INPUT));
    }

    @Test
    void invalidInput_shouldBeRefusedBeforeTheStepRuns() {
        AtomicBoolean ran = new AtomicBoolean();

        assertThrows(IllegalArgumentException.class, () -> new GivenStep(ran).apply("{\"mode\":\"failover\",\"from\":\"us-east-1\"}"));
        assertFalse(ran.get());
    }

    @Test
    void overriddenHandle_shouldAnswer() {
        assertEquals("{\"from\":\"us-east-1\"}", new OverridingHandle().apply(INPUT));
    }

    @Test
    void neitherStepNorHandle_shouldSaySo() {
        var e = assertThrows(IllegalStateException.class, () -> new NoStep().apply(INPUT));

        assertTrue(e.getMessage().contains("NoStep"), e.getMessage());
    }
}
