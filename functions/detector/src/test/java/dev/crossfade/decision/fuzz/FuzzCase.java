package dev.crossfade.decision.fuzz;

import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.FailoverPolicy;
import dev.crossfade.decision.RegionSpec;
import dev.crossfade.decision.StateJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One fuzzed input: the application (policy, mode), the detector's prior state, the evaluation
 * time and the raw payload. {@code origin} says how the payload was made (for counterexamples).
 */
record FuzzCase(String family, String origin, FailoverPolicy policy, boolean activeActive, DetectorState prior,
                Instant now, byte[] event) {

    static final String ACCOUNT = "123456789012";
    static final List<String> ENABLED = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    static final String DISABLED = "us-west-2";

    /** The application under test: the three-region sample topology with this case's policy and mode. */
    Deployment deployment() {
        return new Deployment("shop", "prod", Optional.of(ACCOUNT), activeActive,
                List.of(new RegionSpec("us-east-1", 1, true), new RegionSpec("eu-west-1", 2, false),
                        new RegionSpec("ap-southeast-2", 3, false)),
                Set.of(DISABLED), policy);
    }

    @Override
    public String toString() {
        String text = new String(event, StandardCharsets.UTF_8);
        String shown = text.length() <= 700 ? text : text.substring(0, 700) + "... (" + event.length + " bytes)";
        return family + " [" + origin + "] policy=" + policy + " activeActive=" + activeActive + " now=" + now
                + "\n    prior=" + StateJson.write(prior) + "\n    event=" + shown.replace("\n", "\\n");
    }
}
