package dev.crossfade.infra.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.data.testutils.TemplateScan;
import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestApps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scans every template of the three test apps: no literal password, and no IAM statement on
 * Resource "*" beyond the AWS-required places listed in docs/data.md.
 */
class TemplateSecurityTest {

    /** Actions AWS offers no resource-level permission for (docs/data.md, "Resource *"). */
    static final Set<String> ACTIONS_WITHOUT_RESOURCE_LEVEL = Set.of("logs:CreateLogDelivery", "logs:DeleteLogDelivery");

    private static List<TestApp> apps;

    @BeforeAll
    static void synth() {
        apps = List.of(TestApps.seed(), TestApps.activeActive(), TestApps.threeRegions());
    }

    @Test
    void everyTemplate_shouldHoldNoLiteralPassword() {
        List<String> literals = new ArrayList<>();
        int databases = 0;
        for (TestApp app : apps) {
            for (String stack : app.stacks().keySet()) {
                Map<String, Object> json = app.template(stack).toJSON();
                literals.addAll(TemplateScan.literalPasswords(stack, json));
                databases += String.valueOf(json).contains("MasterUserPassword") ? 1 : 0;
            }
        }

        assertTrue(databases >= 2, "expected the RDS and Aurora primaries to set a master password by reference");
        assertEquals(List.of(), literals);
    }

    @Test
    void iamStatements_shouldNotUseResourceStarExceptForActionsAwsRequires() {
        List<TemplateScan.Statement> offending = new ArrayList<>();
        for (TestApp app : apps) {
            for (String stack : app.stacks().keySet()) {
                for (TemplateScan.Statement s : TemplateScan.wildcardStatements(stack, app.template(stack).toJSON())) {
                    List<?> actions = s.actions() instanceof List<?> l ? l : List.of(s.actions());
                    // In a key policy "*" means the key itself; AWS requires that form.
                    boolean keyPolicy = s.type().equals("AWS::KMS::Key");
                    if (!keyPolicy && !ACTIONS_WITHOUT_RESOURCE_LEVEL.containsAll(actions)) {
                        offending.add(s);
                    }
                }
            }
        }

        assertEquals(List.of(), offending);
    }

    @Test
    void scanner_shouldFlagALiteralPasswordAndAStarStatement() {
        Map<String, Object> bad = Map.of("Resources", Map.of(
                "Db", Map.of("Type", "AWS::RDS::DBInstance", "Properties", Map.of("MasterUserPassword", "hunter2")),
                "Policy", Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of("PolicyDocument", Map.of(
                        "Statement", List.of(Map.of("Effect", "Allow", "Action", "s3:*", "Resource", "*")))))));

        assertEquals(List.of("T/Db.MasterUserPassword"), TemplateScan.literalPasswords("T", bad));
        assertEquals(List.of(new TemplateScan.Statement("T", "Policy", "AWS::IAM::Policy", "s3:*", "*")),
                TemplateScan.wildcardStatements("T", bad));
    }
}
