package dev.crossfade.infra.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestApps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag AwsSolutions rules over every test stack; suppressions carry reasons (docs/data.md). */
class NagTest {

    @Test
    void everyStack_shouldHaveNoUnsuppressedAwsSolutionsError() {
        List<String> findings = new ArrayList<>();
        for (TestApp app : List.of(TestApps.seed(), TestApps.activeActive(), TestApps.threeRegions())) {
            for (String stack : app.stacks().keySet()) {
                app.template(stack);
                for (SynthesisMessage m : Annotations.fromStack(app.stack(stack))
                        .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                    findings.add(stack + " " + m.getId() + " " + String.valueOf(m.getEntry().getData()).lines().findFirst().orElse(""));
                }
            }
        }

        assertEquals(List.of(), findings.stream().distinct().sorted().toList());
    }
}
