package dev.crossfade.cli.deploy;

import dev.crossfade.topology.Topology;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** What {@link DeployPlan} needs to know of the account: read with CloudFormation's DescribeStacks (read-only). */
public final class StackState {

    private StackState() {}

    public static DeployPlan.State read(Topology t, Optional<URI> endpoint) {
        try (SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build()) {
            boolean storage = t.enabledRegions().stream()
                    .allMatch(r -> stack(http, endpoint, r.name(), t.name() + "-" + r.name() + "-storage").isPresent());
            Optional<String> accelerator = stack(http, endpoint, "us-east-1", t.name() + "-global")
                    .flatMap(s -> s.outputs().stream().filter(o -> DeployPlan.ACCELERATOR_OUTPUT.equals(o.outputKey()))
                            .map(Output::outputValue).findFirst());
            return new DeployPlan.State(storage, accelerator);
        }
    }

    /** The stack if it exists (and is not deleted). */
    static Optional<Stack> stack(SdkHttpClient http, Optional<URI> endpoint, String region, String name) {
        var builder = CloudFormationClient.builder().region(Region.of(region)).httpClient(http)
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        endpoint.ifPresent(builder::endpointOverride);
        try (CloudFormationClient cfn = builder.build()) {
            return cfn.describeStacks(r -> r.stackName(name)).stacks().stream()
                    .filter(s -> !"DELETE_COMPLETE".equals(s.stackStatusAsString())).findFirst();
        } catch (CloudFormationException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
