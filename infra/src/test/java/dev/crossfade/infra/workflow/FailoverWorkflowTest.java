package dev.crossfade.infra.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.DetectorJar;
import dev.crossfade.infra.testutils.StackChecks;
import dev.crossfade.topology.env.RegionTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

class FailoverWorkflowTest {

    private static final Path ROOT = Path.of(System.getProperty("crossfade.repoRoot", ".."));
    private static final List<WorkflowTarget> TARGETS = List.of(
            new WorkflowTarget("us-east-1", new RegionTargets(1, 3, "shop-prod-us-east-1-db", null, null, "shop-prod-us-east-1-pg",
                    "shop-prod-us-east-1", "shop-prod-us-east-1-service", "shop-prod-us-east-1-health", null,
                    "arn:aws:kms:us-east-1:123456789012:key/k1")),
            new WorkflowTarget("eu-west-1", new RegionTargets(2, 2, "shop-prod-eu-west-1-db", null, null, "shop-prod-eu-west-1-pg",
                    "shop-prod-eu-west-1", "shop-prod-eu-west-1-service", "shop-prod-eu-west-1-health", null,
                    "arn:aws:kms:eu-west-1:123456789012:key/k2")));

    @TempDir
    Path assets;
    private Template template;
    private App app;

    @BeforeEach
    void synthesize() throws IOException {
        Files.writeString(assets.resolve("handlers.txt"), "stand-in for the functions jar");
        app = new App();
        Stack stack = new Stack(app, "Workflow", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        new FailoverWorkflow(stack, "Failover", props().build());
        template = Template.fromStack(stack);
    }

    @Test
    void awsSolutionsChecks_shouldFindNothingUnsuppressed() throws IOException {
        App nagged = new App();
        Stack stack = new Stack(nagged, "Nagged", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        new FailoverWorkflow(stack, "Failover", props().build());

        StackChecks.assertNoAwsSolutionsFindings(nagged, stack);
    }

    @Test
    void synthesizedTemplate_shouldPassCfnLint() throws Exception {
        StackChecks.assertCfnLintPasses(app, "Workflow");
    }

    private FailoverWorkflow.Props.Builder props() {
        return FailoverWorkflow.Props.builder().application("shop-prod").engine("rds-postgres").targets(TARGETS)
                .repoRoot(ROOT).code(Code.fromAsset(assets.toString()))
                .acceleratorArn("arn:aws:globalaccelerator::123456789012:accelerator/abc");
    }

    @Test
    void writerGuard_shouldRunEveryMinute_withItsOwnRegionsFenceOnly() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "FunctionName", "shop-prod-writer-guard",
                "Handler", "dev.crossfade.functions.workflow.database.WriterGuardHandler::handleRequest",
                "Runtime", "java21")));
        Map<String, Map<String, Object>> schedules = template.findResources("AWS::Events::Rule",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("ScheduleExpression", "rate(1 minute)")))));
        assertEquals(1, schedules.size());
        assertTrue(schedules.values().iterator().next().toString().contains("FailoverWriterGuard"), schedules.toString());
        String policy = template.findResources("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> e.getKey().startsWith("FailoverWriterGuardRole")).map(e -> e.getValue().toString()).findFirst().orElseThrow();
        // its own parameter group (this stack is eu-west-1), never the peer's
        assertTrue(policy.contains("rds:ModifyDBParameterGroup"), policy);
        assertTrue(policy.contains("pg:shop-prod-eu-west-1-pg"), policy);
        assertFalse(policy.contains("pg:shop-prod-us-east-1-pg"), policy);
        assertFalse(policy.contains("db:shop-prod-us-east-1-db"), policy);
        // the lock and the writer record, in every region's table
        assertTrue(policy.contains("dynamodb:GetItem") && policy.contains("table/shop-prod-failover-state"), policy);
        assertFalse(policy.contains("dynamodb:PutItem"), policy);
    }

    /** RecordRun reads the previous writer record (its notFollowing) before it writes the new one, in every region's table. */
    @Test
    void recordRun_shouldReadAndWriteTheStateTablesOfEveryRegion() {
        String policy = template.findResources("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> e.getKey().startsWith("FailoverRecordRunRole")).map(e -> e.getValue().toString()).findFirst().orElseThrow();

        assertTrue(policy.contains("dynamodb:GetItem") && policy.contains("dynamodb:PutItem"), policy);
        assertTrue(policy.contains("arn:aws:dynamodb:us-east-1:123456789012:table/shop-prod-failover-state"), policy);
        assertTrue(policy.contains("arn:aws:dynamodb:eu-west-1:123456789012:table/shop-prod-failover-state"), policy);
    }

    @Test
    void aurora_shouldHaveNoWriterGuard() {
        App other = new App();
        Stack stack = new Stack(other, "Aurora", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        FailoverWorkflow workflow = new FailoverWorkflow(stack, "Failover", props().engine("aurora-postgres-global")
                .globalClusterId("shop-prod-global").build());

        assertTrue(workflow.writerGuard().isEmpty());
        assertEquals(0, Template.fromStack(stack).findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("FunctionName", "shop-prod-writer-guard"))))).size());
    }

    @Test
    void substitutions_shouldBeExactlyThePlaceholdersOfTheAslFile() throws IOException {
        Set<String> placeholders = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(Files.readString(ROOT.resolve(FailoverWorkflow.DEFINITION_FILE)));
        while (m.find()) {
            placeholders.add(m.group(1));
        }

        Map<String, Map<String, Object>> machines = template.findResources("AWS::StepFunctions::StateMachine");

        assertEquals(1, machines.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> substitutions = (Map<String, Object>) ((Map<String, Object>) machines.values().iterator().next()
                .get("Properties")).get("DefinitionSubstitutions");
        assertEquals(placeholders, new TreeSet<>(substitutions.keySet()));
    }

    @Test
    void everyStep_shouldLogJsonAtInfo() {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        // every step, and the writer guard (rds-postgres)
        assertEquals(WorkflowFunction.values().length + 1, functions.size());
        template.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of("LoggingConfig", Map.of(
                "LogFormat", "JSON", "ApplicationLogLevel", "INFO", "SystemLogLevel", "WARN",
                "LogGroup", Match.anyValue()))));
    }

    @Test
    void approvalTimeout_shouldReachTheAslAsSeconds() {
        Stack stack = new Stack(new App(), "Timeout", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        new FailoverWorkflow(stack, "Failover", props().approvalTimeoutMinutes(15).build());

        Template.fromStack(stack).hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                "DefinitionSubstitutions", Match.objectLike(Map.of(FailoverWorkflow.APPROVAL_TIMEOUT_PLACEHOLDER, "900"))));
    }

    @Test
    void stateMachine_shouldBeNamedPerApplicationWithLogsAndTracing() {
        template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                "StateMachineName", "shop-prod-failover",
                "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", true)),
                "TracingConfiguration", Map.of("Enabled", true)));
    }

    @Test
    void everyStep_shouldBeAJava21FunctionRunningItsHandler() {
        template.resourceCountIs("AWS::Lambda::Function", WorkflowFunction.values().length + 1); // and the writer guard
        for (WorkflowFunction step : WorkflowFunction.values()) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", "shop-prod-failover-" + step.key(),
                    "Runtime", "java21",
                    "Handler", step.handler(),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "CROSSFADE_APPLICATION", "shop-prod", "CROSSFADE_DB_ENGINE", "rds-postgres",
                            "CROSSFADE_STATE_TABLE", "shop-prod-failover-state")))));
        }
    }

    @Test
    void promotion_shouldBeAllowedOnlyOnTheConfiguredInstances() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Action", "rds:PromoteReadReplica", "Effect", "Allow", "Resource", List.of(
                        "arn:aws:rds:us-east-1:123456789012:db:shop-prod-us-east-1-db",
                        "arn:aws:rds:eu-west-1:123456789012:db:shop-prod-eu-west-1-db"))))))));
    }

    @Test
    void failbackReplica_shouldBeEncryptableWithTheRegionsKeysOnly() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Action", List.of("kms:CreateGrant", "kms:DescribeKey"), "Resource", List.of(
                        "arn:aws:kms:us-east-1:123456789012:key/k1", "arn:aws:kms:eu-west-1:123456789012:key/k2"))))))));
    }

    @Test
    void routingControl_shouldBePublishableOnlyInItsNamespace() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Action", "cloudwatch:PutMetricData", "Resource", "*",
                        "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", "Crossfade/Routing")))))))));
    }

    /** The run's own metrics are EMF lines in RecordRun's log (RunRecorder): nothing may PutMetricData into Crossfade/Failover. */
    @Test
    void runMetrics_shouldNeedNoPutMetricData() {
        String policies = template.findResources("AWS::IAM::Policy").values().toString();
        assertFalse(policies.contains("Crossfade/Failover"), "a PutMetricData grant on the run namespace: " + policies);
    }

    @Test
    void routingControlAlarm_shouldFollowThisRegionsMetricAndHoldItsStateWithoutData() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "shop-prod-routing-eu-west-1",
                "Namespace", "Crossfade/Routing", "MetricName", "RoutingControl",
                "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Region", "Value", "eu-west-1"))),
                "Statistic", "Maximum", "Period", 60, "Threshold", 1,
                "ComparisonOperator", "LessThanThreshold", "TreatMissingData", "ignore"));
    }

    /** Two regions hold each other's veto: this eu-west-1 stack holds us-east-1's (the next region after it by priority). */
    @Test
    void vetoAlarm_shouldBeHeldHereForThePeerWhoseHolderThisRegionIs() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "shop-prod-veto-us-east-1",
                "Namespace", "Crossfade/Routing", "MetricName", "RoutingVeto",
                "Dimensions", List.of(Map.of("Name", "Application", "Value", "shop-prod"), Map.of("Name", "Region", "Value", "us-east-1")),
                "Statistic", "Maximum", "Period", 60, "Threshold", 1, "EvaluationPeriods", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData", "ignore"));
        assertEquals(List.of("shop-prod-veto-us-east-1"), vetoAlarmNames(template));
        assertEquals("shop-prod-veto-us-east-1", FailoverWorkflow.vetoAlarmName("shop-prod", "us-east-1"));
    }

    @Test
    void threeRegions_shouldPutEachRegionsVetoAlarmInItsHolder() {
        List<WorkflowTarget> three = new java.util.ArrayList<>(TARGETS);
        three.add(new WorkflowTarget("ap-southeast-1", new RegionTargets(3, 2, "shop-prod-ap-southeast-1-db", null, null,
                "shop-prod-ap-southeast-1-pg",
                "shop-prod-ap-southeast-1", "shop-prod-ap-southeast-1-service", "shop-prod-ap-southeast-1-health", null, null)));
        // by priority us-east-1 (1) -> eu-west-1 (2) -> ap-southeast-1 (3) -> us-east-1: each holds the previous one's veto
        Map<String, String> heldBy = Map.of("eu-west-1", "us-east-1", "ap-southeast-1", "eu-west-1", "us-east-1", "ap-southeast-1");
        heldBy.forEach((holder, vetoed) -> {
            Stack stack = new Stack(new App(), "Holder-" + holder, StackProps.builder()
                    .env(Environment.builder().account("123456789012").region(holder).build()).build());
            FailoverWorkflow workflow = new FailoverWorkflow(stack, "Failover", props().targets(three).build());
            Template held = Template.fromStack(stack);

            assertEquals(List.of("shop-prod-veto-" + vetoed), vetoAlarmNames(held), holder);
            held.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "shop-prod-veto-" + vetoed,
                    "Dimensions", List.of(Map.of("Name", "Application", "Value", "shop-prod"), Map.of("Name", "Region", "Value", vetoed))));
            assertEquals(java.util.Set.of(vetoed), workflow.vetoAlarms().keySet(), holder);
        });
    }

    @Test
    void writerGuard_shouldClearTheVetoAndReadItsRoutingControl() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", "cloudwatch:PutMetricData", "Effect", "Allow", "Resource", "*",
                                "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", "Crossfade/Routing")))),
                        Match.objectLike(Map.of("Action", "cloudwatch:GetMetricData", "Effect", "Allow", "Resource", "*")))))))))));

        assertTrue(policies.keySet().stream().anyMatch(k -> k.startsWith("FailoverWriterGuardRole")), policies.keySet().toString());
    }

    private static List<String> vetoAlarmNames(Template t) {
        return t.findResources("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                        "MetricName", "RoutingVeto"))))).values().stream()
                .map(r -> (String) ((Map<?, ?>) r.get("Properties")).get("AlarmName")).sorted().toList();
    }

    @Test
    void stateTable_shouldKeepRecordsRecoverableAndExpireLocks() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "shop-prod-failover-state",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
    }

    @Test
    void regionsVariable_shouldUseTheFieldNamesTheFunctionsRead() {
        String json = FailoverWorkflow.regionsJson(TARGETS);

        assertTrue(json.startsWith("{\"us-east-1\":{\"priority\":1,\"desiredCount\":3,\"dbInstanceId\":\"shop-prod-us-east-1-db\""), json);
        for (String field : List.of("dbClusterId", "dbClusterArn", "dbParameterGroup", "ecsCluster", "ecsService", "healthAlarm",
                "endpointGroupArn", "dbKmsKeyId")) {
            assertTrue(json.contains("\"" + field + "\":"), field + " missing from " + json);
        }
    }

    @Test
    void missingWorkflowJar_shouldNameTheJarAndTheBuildStep(@TempDir Path emptyRoot) throws IOException {
        Files.createDirectories(emptyRoot.resolve("statemachines"));
        Files.copy(ROOT.resolve(FailoverWorkflow.DEFINITION_FILE), emptyRoot.resolve(FailoverWorkflow.DEFINITION_FILE));

        var e = assertThrows(IllegalArgumentException.class, () -> props().repoRoot(emptyRoot).code(null).build());

        assertTrue(e.getMessage().contains("-workflow-"), e.getMessage());
        assertTrue(e.getMessage().contains(emptyRoot.resolve("functions/target").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -pl infra -am package -DskipTests"), e.getMessage());
    }

    @Test
    void everyStep_shouldRunC1Only() {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");

        assertEquals(WorkflowFunction.values().length + 1, functions.size()); // and the writer guard, with the same JVM flags
        for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
            assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", variables(function.getValue()).get("JAVA_TOOL_OPTIONS"),
                    function.getKey());
            // bench/'s critical-path benchmark starts every step "as deployed" with LambdaJvm.WORKFLOW_TOOL_OPTIONS
            assertEquals(dev.crossfade.infra.LambdaJvm.WORKFLOW_TOOL_OPTIONS, variables(function.getValue()).get("JAVA_TOOL_OPTIONS"),
                    function.getKey());
        }
    }

    @Test
    void everyStep_shouldBeDeployedFromTheGroupJarHoldingItsHandlerClass(@TempDir Path outdir) throws IOException {
        App real = new App(AppProps.builder().outdir(outdir.toString()).build());
        Stack stack = new Stack(real, "Jars", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        new FailoverWorkflow(stack, "Failover", props().code(null).repoRoot(ROOT).build());
        real.synth();
        Template synthesized = Template.fromStack(stack);
        Map<WorkflowJar, String> builtJars = new EnumMap<>(WorkflowJar.class);
        for (WorkflowJar jar : WorkflowJar.values()) {
            builtJars.put(jar, hash(DetectorJar.locateWorkflow(jar, Optional.empty(), ROOT)));
        }

        for (WorkflowFunction step : WorkflowFunction.values()) {
            Map<String, Map<String, Object>> found = synthesized.findResources("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Properties", Match.objectLike(Map.of("FunctionName", "shop-prod-failover-" + step.key())))));
            assertEquals(1, found.size(), step.key());
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) found.values().iterator().next().get("Properties");
            @SuppressWarnings("unchecked")
            String s3Key = (String) ((Map<String, Object>) properties.get("Code")).get("S3Key");
            Path deployed = outdir.resolve("asset." + s3Key);
            String handlerClass = ((String) properties.get("Handler")).replaceFirst("::.*", "").replace('.', '/') + ".class";

            assertTrue(Files.isRegularFile(deployed), step.key() + ": no staged asset " + deployed);
            assertEquals(builtJars.get(step.jar()), hash(deployed), step.key() + " is not deployed from its " + step.jar().classifier() + " jar");
            try (ZipFile zip = new ZipFile(deployed.toFile())) {
                assertNotNull(zip.getEntry(handlerClass), step.key() + ": " + handlerClass + " missing from " + step.jar().classifier());
            }
        }
    }

    private static String hash(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> function) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) function.get("Properties")).get("Environment")).get("Variables");
    }
}
