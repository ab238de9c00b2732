package dev.crossfade.bench.synth;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.util.List;

/**
 * Valid topologies of N enabled regions for the synthesis benchmark: the seed architecture
 * (examples/seed-active-passive.yaml) with real region codes, priorities 1..N, one primary and
 * non-overlapping /16 CIDRs. Built as YAML and read by the real parser, so each one has passed
 * the same validation as a user's file.
 */
public final class TopologyGenerator {

    /** Real region codes in failover order; the first is the primary. */
    public static final List<String> REGIONS = List.of(
            "us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-2", "ap-northeast-1", "ca-central-1", "sa-east-1");

    private TopologyGenerator() {}

    public static Topology regions(int count) {
        return TopologyParser.parse(yaml(count), "generated-" + count + "-regions.yaml");
    }

    static String yaml(int count) {
        if (count < 2 || count > REGIONS.size()) {
            throw new IllegalArgumentException("region count must be 2.." + REGIONS.size() + ", got " + count);
        }
        StringBuilder y = new StringBuilder("""
                project: bench
                environment: prod
                account: "123456789012"
                mode: active-passive
                domain:
                  name: api.example.com
                  hostedZoneId: Z0123456789ABCDEFGHIJ
                routing: failover
                app:
                  image: public.ecr.aws/nginx/nginx:stable
                  containerPort: 8080
                  healthPath: /health
                regions:
                """);
        for (int i = 0; i < count; i++) {
            y.append("  ").append(REGIONS.get(i)).append(":\n")
                    .append("    enabled: true\n")
                    .append("    primary: ").append(i == 0).append('\n')
                    .append("    priority: ").append(i + 1).append('\n')
                    .append("    vpcCidr: 10.").append(i).append(".0.0/16\n")
                    .append("    instanceType: m5.large\n")
                    .append("    desiredCount: 2\n    minCount: 2\n    maxCount: 8\n")
                    .append("    dbMultiAz: true\n");
        }
        y.append("""
                database:
                  engine: rds-postgres
                  engineVersion: "15.4"
                  instanceClass: db.r5.large
                  allocatedStorage: 100
                  maxAllocatedStorage: 500
                  backupRetentionDays: 14
                healthCheck:
                  protocol: HTTPS
                  port: 443
                  path: /health
                  intervalSeconds: 10
                  failureThreshold: 3
                  measureLatency: true
                  checkerRegions: [us-east-1, us-west-2, eu-west-1]
                globalAccelerator:
                  enabled: true
                  flowLogs: true
                  healthCheckIntervalSeconds: 10
                  thresholdCount: 3
                replication:
                  dynamodbTables:
                    - name: sessions
                      partitionKey: session_id
                      ttlAttribute: expires_at
                  s3Buckets: [assets]
                  vpcPeering: true
                failover:
                  automatic: true
                  rpoBudgetSeconds: 5
                  quorum: %d
                  dwellSeconds: 60
                  cooldownMinutes: 30
                  approvalForDataLoss: true
                """.formatted(count >= 3 ? 2 : 1)); // a quorum the primary's outage can reach (docs/detection.md)
        return y.toString();
    }
}
