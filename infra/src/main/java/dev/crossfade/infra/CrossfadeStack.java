package dev.crossfade.infra;

import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * What every stack of the app shares: its name as stack name and construct id, an explicit
 * account and region, CDK cross-region references (SSM parameters written in the producing
 * region, read in the consuming one), the cfn-lint region metadata and the project tags.
 */
abstract class CrossfadeStack extends Stack {

    CrossfadeStack(Construct scope, String name, Topology topology, String region, String account, String description) {
        super(scope, name, StackProps.builder()
                .stackName(name)
                .env(Environment.builder().account(account).region(region).build())
                .crossRegionReferences(true)
                .description(description)
                .build());
        // lets `cfn-lint cdk.out/*.template.json` check each template against its own region
        addMetadata("cfn-lint", Map.of("config", Map.of("regions", List.of(region))));
        // CloudFormation's AWS::CloudWatch::Dashboard has no Tags property (cfn-lint E3002), though CDK would add them
        TagProps untaggable = TagProps.builder().excludeResourceTypes(List.of("AWS::CloudWatch::Dashboard")).build();
        Tags.of(this).add("crossfade:project", topology.project(), untaggable);
        Tags.of(this).add("crossfade:environment", topology.environment(), untaggable);
    }
}
