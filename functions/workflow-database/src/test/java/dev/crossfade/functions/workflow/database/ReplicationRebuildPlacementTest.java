package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.ReplicationNotReadyException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.database.ReplicaPlacement;
import dev.crossfade.functions.workflow.database.ReplicaRebuild;
import dev.crossfade.functions.workflow.database.ReplicationRebuild;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The failback's rebuilt replica, against moto over HTTP: it gets the stack's subnet group,
 * security groups, parameter group and KMS key, so that it lands where CloudFormation put the
 * region's database (docs/operations.md, "After a failback").
 */
class ReplicationRebuildPlacementTest {

    private static final String FROM = "us-east-1";
    private static final String TO = "eu-west-1";
    private static MotoServer moto;
    private static AwsClients clients;
    private static WorkflowConfig config;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        clients = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                region -> Optional.of(moto.endpoint()));
        clients.get(RDS, FROM).createDBInstance(r -> r.dbInstanceIdentifier("shop-prod-us-east-1-db").engine("postgres")
                .engineVersion("16.13").dbInstanceClass("db.r5.large").allocatedStorage(100)
                .masterUsername("crossfade").masterUserPassword("not-a-secret-1").backupRetentionPeriod(14));
        String vpc = ec2(TO, Map.of("Action", "CreateVpc", "CidrBlock", "10.1.0.0/16"), "vpcId");
        String a = ec2(TO, Map.of("Action", "CreateSubnet", "VpcId", vpc, "CidrBlock", "10.1.0.0/24", "AvailabilityZone", "eu-west-1a"), "subnetId");
        String b = ec2(TO, Map.of("Action", "CreateSubnet", "VpcId", vpc, "CidrBlock", "10.1.1.0/24", "AvailabilityZone", "eu-west-1b"), "subnetId");
        clients.get(RDS, TO).createDBSubnetGroup(r -> r.dbSubnetGroupName("shop-prod-eu-west-1-db-subnets")
                .dbSubnetGroupDescription("the stack's").subnetIds(a, b));
        // moto 5.2.1 resolves a cross-region replica's DBSubnetGroupName in the source's region (it copies the
        // source instance and sets the group before the region; docs/emulation.md): a same-named group there
        // lets the request through; AWS resolves it in the replica's region, where the stack created it
        String vpcA = ec2(FROM, Map.of("Action", "CreateVpc", "CidrBlock", "10.0.0.0/16"), "vpcId");
        String sa = ec2(FROM, Map.of("Action", "CreateSubnet", "VpcId", vpcA, "CidrBlock", "10.0.0.0/24", "AvailabilityZone", "us-east-1a"), "subnetId");
        String sb = ec2(FROM, Map.of("Action", "CreateSubnet", "VpcId", vpcA, "CidrBlock", "10.0.1.0/24", "AvailabilityZone", "us-east-1b"), "subnetId");
        clients.get(RDS, FROM).createDBSubnetGroup(r -> r.dbSubnetGroupName("shop-prod-eu-west-1-db-subnets")
                .dbSubnetGroupDescription("moto resolves it here").subnetIds(sa, sb));
        clients.get(RDS, TO).createDBParameterGroup(r -> r.dbParameterGroupName("shop-prod-eu-west-1-pg")
                .dbParameterGroupFamily("postgres16").description("the stack's"));
        Map<String, RegionTargets> regions = new LinkedHashMap<>();
        regions.put(FROM, new RegionTargets(1, 2, "shop-prod-us-east-1-db", null, null, "shop-prod-us-east-1-pg",
                "c", "s", "a", null, "arn:aws:kms:us-east-1:123456789012:alias/shop-prod-rds"));
        regions.put(TO, new RegionTargets(2, 2, "shop-prod-eu-west-1-db", null, null, "shop-prod-eu-west-1-pg",
                "c", "s", "a", null, "arn:aws:kms:eu-west-1:123456789012:alias/shop-prod-rds"));
        config = new WorkflowConfig("shop-prod", Engine.RDS_POSTGRES, regions, "", Optional.empty(), 5, true,
                "shop-prod-failover-state", "default", false);
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void rebuild_shouldCreateTheReplicaInTheStacksSubnetGroupSecurityGroupsParameterGroupAndKey() {
        ReplicaPlacement placement = new ReplicaPlacement(TO, "shop-prod-eu-west-1-db-subnets", List.of("sg-0123456789abcdef0"));

        ReplicationRebuild.Result result = new ReplicationRebuild(clients, config, Optional.of(placement)).rebuild(input(TO));

        assertEquals("created", result.action());
        DBInstance replica = clients.get(RDS, TO).describeDBInstances(r -> r.dbInstanceIdentifier("shop-prod-eu-west-1-db"))
                .dbInstances().get(0);
        assertEquals("shop-prod-eu-west-1-db-subnets", replica.dbSubnetGroup().dbSubnetGroupName());
        assertEquals(List.of("sg-0123456789abcdef0"), replica.vpcSecurityGroups().stream()
                .map(g -> g.vpcSecurityGroupId()).toList());
        assertEquals(List.of("shop-prod-eu-west-1-pg"), replica.dbParameterGroups().stream()
                .map(g -> g.dbParameterGroupName()).toList());
        assertTrue(replica.readReplicaSourceDBInstanceIdentifier().endsWith(":db:shop-prod-us-east-1-db"),
                replica.readReplicaSourceDBInstanceIdentifier());
    }

    /**
     * RebuildReplicas (after a failover, the other regions' replicas follow the new writer) creates
     * replicas in REMOTE regions: each gets its own region's subnet group and security groups (those
     * of the replica it replaces, where that region's stack put it), parameter group and key.
     */
    @Test
    void rebuildReplicas_shouldPlaceTheRemoteReplicaInItsOwnRegionsSubnetGroupSecurityGroupsAndParameterGroup() throws Exception {
        String third = "ap-south-1";
        String subnets = "shop-prod-ap-south-1-db-subnets";
        // moto resolves a cross-region replica's subnet group in the source's region (see above): the group in each
        for (String region : List.of(third, TO, FROM)) {
            String third16 = region.equals(third) ? "10.2" : region.equals(TO) ? "10.3" : "10.4";
            String vpc = ec2(region, Map.of("Action", "CreateVpc", "CidrBlock", third16 + ".0.0/16"), "vpcId");
            String a = ec2(region, Map.of("Action", "CreateSubnet", "VpcId", vpc, "CidrBlock", third16 + ".0.0/24",
                    "AvailabilityZone", region + "a"), "subnetId");
            String b = ec2(region, Map.of("Action", "CreateSubnet", "VpcId", vpc, "CidrBlock", third16 + ".1.0/24",
                    "AvailabilityZone", region + "b"), "subnetId");
            clients.get(RDS, region).createDBSubnetGroup(r -> r.dbSubnetGroupName(subnets).dbSubnetGroupDescription("the stack's").subnetIds(a, b));
        }
        clients.get(RDS, third).createDBParameterGroup(r -> r.dbParameterGroupName("shop-prod-ap-south-1-pg")
                .dbParameterGroupFamily("postgres16").description("the stack's"));
        // before the failover: ap-south-1 follows the old writer in eu-west-1, placed by its stack
        String oldWriter = clients.get(RDS, TO).createDBInstance(r -> r.dbInstanceIdentifier("shop-prod-old-writer").engine("postgres")
                .engineVersion("16.13").dbInstanceClass("db.r5.large").allocatedStorage(100)
                .masterUsername("crossfade").masterUserPassword("not-a-secret-1").backupRetentionPeriod(14)).dbInstance().dbInstanceArn();
        clients.get(RDS, third).createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("shop-prod-ap-south-1-db")
                .sourceDBInstanceIdentifier(oldWriter).sourceRegion(TO).dbSubnetGroupName(subnets)
                .vpcSecurityGroupIds("sg-0a1b2c3d4e5f60718"));
        Map<String, RegionTargets> regions = new LinkedHashMap<>(config.regions());
        regions.put(third, new RegionTargets(3, 2, "shop-prod-ap-south-1-db", null, null, "shop-prod-ap-south-1-pg",
                "c", "s", "a", null, "arn:aws:kms:ap-south-1:123456789012:alias/shop-prod-rds"));
        WorkflowConfig three = new WorkflowConfig("shop-prod", Engine.RDS_POSTGRES, regions, "", Optional.empty(), 5, true,
                "shop-prod-failover-state", "default", false);

        // the failover moved the writer to us-east-1 (from eu-west-1)
        ReplicaRebuild.Result result = new ReplicaRebuild(clients, three).rebuild(
                new StepInput("failover", TO, FROM, "test", "incident-2", "exec-2", "2026-01-01T00:00:00Z", false));

        assertTrue(result.actions().stream().anyMatch(a -> a.startsWith(third + ": rebuilt from " + FROM)), result.actions().toString());
        DBInstance replica = clients.get(RDS, third).describeDBInstances(r -> r.dbInstanceIdentifier("shop-prod-ap-south-1-db"))
                .dbInstances().get(0);
        assertTrue(replica.readReplicaSourceDBInstanceIdentifier().endsWith(":db:shop-prod-us-east-1-db"),
                replica.readReplicaSourceDBInstanceIdentifier());
        assertEquals(subnets, replica.dbSubnetGroup().dbSubnetGroupName());
        assertEquals(List.of("sg-0a1b2c3d4e5f60718"), replica.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).toList());
        assertEquals(List.of("shop-prod-ap-south-1-pg"), replica.dbParameterGroups().stream().map(g -> g.dbParameterGroupName()).toList());
    }

    @Test
    void placementOfAnotherRegion_shouldRefuseBeforeCreatingAnything() {
        ReplicaPlacement placement = new ReplicaPlacement("ap-south-1", "shop-prod-ap-south-1-db-subnets", List.of("sg-1"));

        ReplicationNotReadyException e = assertThrows(ReplicationNotReadyException.class,
                () -> new ReplicationRebuild(clients, config, Optional.of(placement)).rebuild(input(TO)));

        assertTrue(e.getMessage().contains("start the failback in eu-west-1"), e.getMessage());
    }

    @Test
    void placementFromEnvironment_shouldNeedTheSecurityGroupsAndRegion() {
        assertEquals(Optional.empty(), ReplicaPlacement.fromEnv(Map.of()));
        assertEquals(Optional.of(new ReplicaPlacement(TO, "g", List.of("sg-1", "sg-2"))), ReplicaPlacement.fromEnv(Map.of(
                "AWS_REGION", TO, "CROSSFADE_DB_SUBNET_GROUP", "g", "CROSSFADE_DB_SECURITY_GROUP_IDS", "sg-1, sg-2")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReplicaPlacement.fromEnv(Map.of("AWS_REGION", TO, "CROSSFADE_DB_SUBNET_GROUP", "g")));
        assertTrue(e.getMessage().contains("CROSSFADE_DB_SECURITY_GROUP_IDS"), e.getMessage());
    }

    private static StepInput input(String to) {
        return new StepInput("failback", FROM, to, "test", "incident-1", "exec-1", "2026-01-01T00:00:00Z", false);
    }

    /** A moto EC2 query call (the functions carry no EC2 client); returns the first {@code <field>} of the answer. */
    private static String ec2(String region, Map<String, String> params, String field) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("Version", "2016-11-15");
        String body = all.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(moto.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/" + region
                        + "/ec2/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("<" + field + ">([^<]+)</" + field + ">").matcher(answer);
        if (!m.find()) {
            throw new AssertionError(params.get("Action") + " answered without " + field + ": " + answer);
        }
        return m.group(1);
    }
}
