package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.cli.deploy.DeployPlan;
import dev.crossfade.cli.deploy.StackState;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

class DeployCommandTest {

    @Test
    void dryRunOfTheSeed_shouldPrintTheStackOrderBootstrapAndExactCommands() {
        String seed = CliRun.path("examples/seed-active-passive.yaml");
        CliRun run = CliRun.of("deploy", "--topology", seed, "--dry-run");

        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("stacks, in deploy order: shop-prod-us-east-1, shop-prod-eu-west-1, shop-prod-eu-west-1-storage, "
                + "shop-prod-us-east-1-storage, shop-prod-us-east-1-peering, shop-prod-eu-west-1-peering, shop-prod-global"), out);
        assertTrue(out.contains("bootstrap aws://123456789012/us-east-1 aws://123456789012/eu-west-1"), out);
        assertTrue(out.contains("pass 1/2 all: every stack, in dependency order"), out);
        assertTrue(out.contains("node_modules/.bin/cdk deploy --all -c topology=" + seed + " "
                + "--require-approval never --outputs-file "), out);
        assertTrue(out.contains("pass 2/2 accelerator:"), out);
        assertTrue(out.contains("deploy shop-prod-us-east-1 shop-prod-eu-west-1 --exclusively -c topology=" + seed
                + " --require-approval never -c acceleratorArn=" + DeployPlan.ACCELERATOR_PLACEHOLDER), out);
        assertTrue(out.contains("dry run: nothing was called"), out);
        assertTrue(!out.contains("replicationPhase"), "active-passive needs no replication bootstrap:\n" + out);
    }

    @Test
    void dryRunOfActiveActive_shouldStartWithTheReplicationBootstrapOfTheStorageStacks() {
        String latency = CliRun.path("examples/active-active-latency.yaml");
        CliRun run = CliRun.of("deploy", "--topology", latency, "--dry-run");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("pass 1/3 bootstrap: storage stacks without the reverse S3 replication rules"), run.out());
        assertTrue(run.out().contains("deploy shop-prod-ap-south-1-storage shop-prod-us-east-1-storage -c topology="
                + latency + " --require-approval never -c replicationPhase=bootstrap"), run.out());
        assertTrue(run.out().contains("pass 2/3 all:") && run.out().contains("pass 3/3 accelerator:"), run.out());
    }

    @Test
    void deployedStacks_shouldSkipTheBootstrapAndReuseTheAcceleratorArnReadFromCloudFormation() throws Exception {
        WorkflowInMoto.useTestCredentials();
        Topology t = TopologyParser.parse(CliRun.repoRoot().resolve("examples/active-active-latency.yaml"));
        try (MotoServer moto = MotoServer.start()) {
            DeployPlan.State first = StackState.read(t, Optional.of(moto.endpoint()));
            assertEquals(DeployPlan.State.FIRST_DEPLOYMENT, first);

            String arn = "arn:aws:globalaccelerator::123456789012:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh";
            createStack(moto, "us-east-1", "shop-prod-us-east-1-storage", null);
            createStack(moto, "ap-south-1", "shop-prod-ap-south-1-storage", null);
            createStack(moto, "us-east-1", "shop-prod-global", arn);
            DeployPlan.State deployed = StackState.read(t, Optional.of(moto.endpoint()));
            DeployPlan plan = DeployPlan.of(t, Path.of("t.yaml"), Path.of("out.json"), deployed, true);

            assertEquals(new DeployPlan.State(true, Optional.of(arn)), deployed);
            assertEquals(List.of("all"), plan.passes().stream().map(DeployPlan.Pass::name).toList());
            assertTrue(plan.passes().get(0).arguments().contains("acceleratorArn=" + arn), plan.toString());
        }
    }

    @Test
    void missingCdkCli_shouldExitTwoNamingNpmCi() {
        CliRun run = CliRun.of("deploy", "--topology", CliRun.path("examples/seed-active-passive.yaml"), "--yes",
                "--cdk", "no/such/cdk", "--endpoint-url", "http://127.0.0.1:9");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("npm ci"), run.err());
    }

    private static void createStack(MotoServer moto, String region, String name, String acceleratorArn) {
        String outputs = acceleratorArn == null ? "" : ",\"Outputs\":{\"" + DeployPlan.ACCELERATOR_OUTPUT + "\":{\"Value\":\"" + acceleratorArn + "\"}}";
        try (CloudFormationClient cfn = CloudFormationClient.builder().region(Region.of(region)).endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            cfn.createStack(r -> r.stackName(name).templateBody("{\"Resources\":{\"Topic\":{\"Type\":\"AWS::SNS::Topic\"}}" + outputs + "}"));
        }
    }
}
