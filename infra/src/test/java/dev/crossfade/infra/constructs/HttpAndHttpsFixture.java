package dev.crossfade.infra.constructs;

import static dev.crossfade.infra.testutils.Templates.onlyLogicalId;
import static dev.crossfade.infra.testutils.Templates.ref;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * A test class's constructs synthesized twice in one app, once per class: stack {@code Http}
 * without a certificate and stack {@code Https} with {@link #CERT}, both in eu-west-1 (ALB access
 * logging needs a concrete region: the log-delivery principal depends on it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpAndHttpsFixture {

    static final String CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-aaaa-bbbb-cccc-0123456789ab";

    Template http;
    Template https;

    /** Adds the constructs under test to {@code stack}, given the certificate ARN (empty: none). */
    abstract void build(Stack stack, Optional<String> certificate);

    @BeforeAll
    void synthesize() {
        App app = new App();
        Stack httpStack = stackWith(app, "Http", Optional.empty());
        Stack httpsStack = stackWith(app, "Https", Optional.of(CERT));
        http = Template.fromStack(httpStack);
        https = Template.fromStack(httpsStack);
    }

    /** A listener's {@code DefaultActions}: forward to the template's only target group. */
    static List<Map<String, Object>> forwardToTheTargetGroup(Template template) {
        String targets = onlyLogicalId(template, "AWS::ElasticLoadBalancingV2::TargetGroup", Map.of());
        return List.of(Map.of("Type", "forward", "TargetGroupArn", ref(targets)));
    }

    private Stack stackWith(App app, String id, Optional<String> certificate) {
        Stack stack = new Stack(app, id, StackProps.builder().env(Environment.builder().region("eu-west-1").build()).build());
        build(stack, certificate);
        return stack;
    }
}
