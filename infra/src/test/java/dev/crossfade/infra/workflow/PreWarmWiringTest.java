package dev.crossfade.infra.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.topology.env.RegionTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The run's pre-warm and SnapStart as deployed: the ASL's PreWarm state invokes every function a
 * run can reach after it, each substituted with the {@code live} alias of that step's function; the
 * state machine may invoke exactly those aliases; SnapStart is on every step exactly when
 * {@code LambdaJvm.WORKFLOW_SNAPSTART} says so, which bench/ reads to label its figures.
 */
class PreWarmWiringTest {

    private static final Path ROOT = Path.of(System.getProperty("crossfade.repoRoot", ".."));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+FunctionArn)}");

    @TempDir
    Path assets;
    private Template template;
    private JsonNode asl;

    @BeforeEach
    void synthesize() throws IOException {
        Files.writeString(assets.resolve("handlers.txt"), "stand-in for the functions jar");
        Stack stack = new Stack(new App(), "Workflow", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        new FailoverWorkflow(stack, "Failover", FailoverWorkflow.Props.builder().application("shop-prod").engine("rds-postgres")
                .targets(List.of(
                        new WorkflowTarget("us-east-1", new RegionTargets(1, 3, "shop-prod-us-east-1-db", null, null, "shop-prod-us-east-1-pg",
                                "shop-prod-us-east-1", "shop-prod-us-east-1-service", "shop-prod-us-east-1-health", null, null)),
                        new WorkflowTarget("eu-west-1", new RegionTargets(2, 2, "shop-prod-eu-west-1-db", null, null, "shop-prod-eu-west-1-pg",
                                "shop-prod-eu-west-1", "shop-prod-eu-west-1-service", "shop-prod-eu-west-1-health", null, null))))
                .repoRoot(ROOT).code(Code.fromAsset(assets.toString())).build());
        template = Template.fromStack(stack);
        asl = new ObjectMapper().readTree(Files.readString(ROOT.resolve(FailoverWorkflow.DEFINITION_FILE)));
    }

    @Test
    void preWarm_shouldInvokeEveryFunctionARunCanReachAfterIt() {
        Set<String> warmed = preWarmedPlaceholders();

        assertEquals(reachableTaskPlaceholders("PreWarm"), warmed);
        assertFalse(warmed.isEmpty());
    }

    @Test
    void preWarmedPlaceholders_shouldBeSubstitutedWithTheLiveAliasOfTheStepsFunction() {
        Map<String, Object> substitutions = substitutions();
        Map<String, String> functionNames = functionNamesByLogicalId();

        for (String placeholder : preWarmedPlaceholders()) {
            WorkflowFunction step = java.util.Arrays.stream(WorkflowFunction.values()).filter(f -> f.placeholder().equals(placeholder))
                    .findFirst().orElseThrow(() -> new AssertionError("infra deploys no function for ${" + placeholder + "}"));
            String function = functionOfAlias(ref(substitutions.get(placeholder)));
            assertEquals("shop-prod-failover-" + step.key(), functionNames.get(function), placeholder);
        }
    }

    @Test
    void everyStep_shouldHaveSnapStartOnPublishedVersions_andBeInvokedThroughItsLiveAlias() {
        // the steps; the writer guard is no step (scheduled, off the critical path: no SnapStart, no alias)
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> functionNamesByLogicalId().get(e.getKey()) != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Object> substitutions = substitutions();

        assertEquals(WorkflowFunction.values().length, functions.size());
        for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
            Object snapStart = ((Map<?, ?>) function.getValue().get("Properties")).get("SnapStart");
            assertEquals(dev.crossfade.infra.LambdaJvm.WORKFLOW_SNAPSTART ? Map.of("ApplyOn", "PublishedVersions") : null, snapStart,
                    function.getKey() + ": the deployed SnapStart setting is LambdaJvm.WORKFLOW_SNAPSTART, which bench/ reports");
        }
        Set<String> aliased = new TreeSet<>();
        for (WorkflowFunction step : WorkflowFunction.values()) {
            String alias = ref(substitutions.get(step.placeholder()));
            Map<?, ?> properties = (Map<?, ?>) template.findResources("AWS::Lambda::Alias").get(alias).get("Properties");
            assertEquals(FailoverWorkflow.LIVE_ALIAS, properties.get("Name"));
            String version = getAtt(properties.get("FunctionVersion"), "Version");
            Map<?, ?> versionProperties = (Map<?, ?>) template.findResources("AWS::Lambda::Version").get(version).get("Properties");
            assertEquals(properties.get("FunctionName"), versionProperties.get("FunctionName"), "the alias names a published version of its own function");
            aliased.add(functionOfAlias(alias));
        }
        assertEquals(functions.keySet(), aliased, "every function is invoked through its alias");
    }

    @Test
    void stateMachine_mayInvokeExactlyTheWorkflowFunctions() {
        String role = roleOfStateMachine();
        Set<String> invocable = new TreeSet<>();
        for (Map<String, Object> policy : template.findResources("AWS::IAM::Policy").values()) {
            Map<?, ?> properties = (Map<?, ?>) policy.get("Properties");
            if (!((List<?>) properties.get("Roles")).contains(Map.of("Ref", role))) {
                continue;
            }
            for (Object statement : (List<?>) ((Map<?, ?>) properties.get("PolicyDocument")).get("Statement")) {
                Map<?, ?> s = (Map<?, ?>) statement;
                Object actions = s.get("Action");
                if (actions.equals("lambda:InvokeFunction") || (actions instanceof List<?> l && l.contains("lambda:InvokeFunction"))) {
                    Object resources = s.get("Resource");
                    for (Object r : resources instanceof List<?> list ? list : List.of(resources)) {
                        invocable.add(functionOfAlias(ref(r)));
                    }
                }
            }
        }

        assertEquals(new TreeSet<>(functionNamesByLogicalId().keySet()), invocable,
                "lambda:InvokeFunction on exactly the live aliases of the workflow's functions (the steps and their pre-warm)");
        assertEquals(WorkflowFunction.values().length, invocable.size());
        assertTrue(invocable.stream().noneMatch(id -> id.startsWith("FailoverWriterGuard")), "the writer guard is no step of the run");
    }

    private Set<String> preWarmedPlaceholders() {
        JsonNode preWarm = asl.path("States").path("PreWarm");
        assertEquals("Parallel", preWarm.path("Type").asText(), "statemachines/failover.asl.json has a PreWarm Parallel state");
        Set<String> placeholders = new TreeSet<>();
        preWarm.path("Branches").forEach(b -> b.path("States").forEach(task -> {
            assertEquals("Event", task.path("Parameters").path("InvocationType").asText(), task.toString());
            placeholders.add(placeholder(task));
        }));
        return placeholders;
    }

    /** Every ${...FunctionArn} a Task outside the pre-warm can invoke once the run has passed {@code from}. */
    private Set<String> reachableTaskPlaceholders(String from) {
        JsonNode states = asl.path("States");
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> placeholders = new TreeSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            JsonNode state = states.path(name);
            if (!name.equals(from) && "Task".equals(state.path("Type").asText())) {
                placeholders.add(placeholder(state));
            }
            state.findValues("Next").forEach(n -> todo.push(n.asText()));
            state.findValues("Default").forEach(n -> todo.push(n.asText()));
        }
        return placeholders;
    }

    private static String placeholder(JsonNode task) {
        Matcher m = PLACEHOLDER.matcher(task.path("Parameters").path("FunctionName").asText());
        if (!m.matches()) {
            throw new AssertionError("not a ${<key>FunctionArn} invoke: " + task);
        }
        return m.group(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> substitutions() {
        Map<String, Map<String, Object>> machines = template.findResources("AWS::StepFunctions::StateMachine");
        assertEquals(1, machines.size());
        return (Map<String, Object>) ((Map<String, Object>) machines.values().iterator().next().get("Properties")).get("DefinitionSubstitutions");
    }

    private String roleOfStateMachine() {
        Map<?, ?> properties = (Map<?, ?>) template.findResources("AWS::StepFunctions::StateMachine").values().iterator().next().get("Properties");
        return getAttArn(properties.get("RoleArn"));
    }

    private Map<String, String> functionNamesByLogicalId() {
        return template.findResources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> ((String) ((Map<?, ?>) e.getValue().get("Properties")).get("FunctionName")).startsWith("shop-prod-failover-"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (String) ((Map<?, ?>) e.getValue().get("Properties")).get("FunctionName")));
    }

    /** {@code {"Fn::GetAtt": [id, "Arn"]}} -> id. */
    private static String getAttArn(Object value) {
        return getAtt(value, "Arn");
    }

    private static String getAtt(Object value, String attribute) {
        if (value instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l && l.size() == 2 && attribute.equals(l.get(1))) {
            return (String) l.get(0);
        }
        throw new AssertionError("not a GetAtt " + attribute + ": " + value);
    }

    /** {@code {"Ref": id}} -> id. */
    private static String ref(Object value) {
        if (value instanceof Map<?, ?> m && m.get("Ref") instanceof String id) {
            return id;
        }
        throw new AssertionError("not a Ref (an alias ARN): " + value);
    }

    /** The logical id of the function an {@code AWS::Lambda::Alias} belongs to. */
    private String functionOfAlias(String alias) {
        Map<String, Object> resource = template.findResources("AWS::Lambda::Alias").get(alias);
        if (resource == null) {
            throw new AssertionError(alias + " is not an AWS::Lambda::Alias");
        }
        return ref(((Map<?, ?>) resource.get("Properties")).get("FunctionName"));
    }
}
