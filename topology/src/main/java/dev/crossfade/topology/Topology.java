package dev.crossfade.topology;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One application's regions, as written in the topology file (see README "Topology reference").
 * Instances come only from {@link TopologyParser}, which validates everything first, so a
 * {@code Topology} in hand is always valid.
 *
 * @param regions every region in file order, enabled or not; use {@link #enabledRegions()}
 */
public record Topology(
        String project,
        String environment,
        Optional<String> account,
        Mode mode,
        Domain domain,
        Routing routing,
        App app,
        Map<String, Region> regions,
        Database database,
        HealthCheck healthCheck,
        GlobalAccelerator globalAccelerator,
        Replication replication,
        Failover failover,
        Notifications notifications,
        RemovalPolicy removalPolicy) {

    public Topology {
        regions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(regions));
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }

    /** A topology without notification subscribers (the section is optional), with the default {@link RemovalPolicy#RETAIN}. */
    public Topology(String project, String environment, Optional<String> account, Mode mode, Domain domain,
                    Routing routing, App app, Map<String, Region> regions, Database database, HealthCheck healthCheck,
                    GlobalAccelerator globalAccelerator, Replication replication, Failover failover) {
        this(project, environment, account, mode, domain, routing, app, regions, database, healthCheck,
                globalAccelerator, replication, failover, Notifications.NONE, RemovalPolicy.RETAIN);
    }

    /** A topology with the default {@link RemovalPolicy#RETAIN}. */
    public Topology(String project, String environment, Optional<String> account, Mode mode, Domain domain,
                    Routing routing, App app, Map<String, Region> regions, Database database, HealthCheck healthCheck,
                    GlobalAccelerator globalAccelerator, Replication replication, Failover failover, Notifications notifications) {
        this(project, environment, account, mode, domain, routing, app, regions, database, healthCheck,
                globalAccelerator, replication, failover, notifications, RemovalPolicy.RETAIN);
    }

    /** A topology without notification subscribers. */
    public Topology(String project, String environment, Optional<String> account, Mode mode, Domain domain,
                    Routing routing, App app, Map<String, Region> regions, Database database, HealthCheck healthCheck,
                    GlobalAccelerator globalAccelerator, Replication replication, Failover failover, RemovalPolicy removalPolicy) {
        this(project, environment, account, mode, domain, routing, app, regions, database, healthCheck,
                globalAccelerator, replication, failover, Notifications.NONE, removalPolicy);
    }

    /**
     * What {@code cdk destroy} does with data and fixed names: {@code retain} keeps databases (final
     * snapshot), buckets, tables, keys and log groups, with deletion protection on; {@code destroy}
     * removes everything, so the same topology deploys again under the same names.
     */
    public enum RemovalPolicy {
        RETAIN("retain"), DESTROY("destroy");

        private final String key;

        RemovalPolicy(String key) { this.key = key; }

        public String key() { return key; }
    }

    /** {@code <project>-<environment>}, the prefix of every resource name. */
    public String name() {
        return project + "-" + environment;
    }

    /** Enabled regions ordered by priority (1 = first choice). */
    public List<Region> enabledRegions() {
        return regions.values().stream()
                .filter(Region::enabled)
                .sorted(java.util.Comparator.comparingInt(Region::priority))
                .toList();
    }

    /** The one enabled primary region (validation guarantees it exists). */
    public Region primaryRegion() {
        return enabledRegions().stream().filter(Region::primary).findFirst().orElseThrow();
    }

    /** Enabled regions other than the primary, by priority. */
    public List<Region> secondaryRegions() {
        return enabledRegions().stream().filter(r -> !r.primary()).toList();
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(regions.get(code));
    }

    public enum Mode {
        ACTIVE_PASSIVE("active-passive"), ACTIVE_ACTIVE("active-active");

        private final String key;

        Mode(String key) { this.key = key; }

        public String key() { return key; }
    }

    public enum Routing {
        FAILOVER("failover"), LATENCY("latency"), GEOLOCATION("geolocation"), WEIGHTED("weighted");

        private final String key;

        Routing(String key) { this.key = key; }

        public String key() { return key; }
    }

    public record Domain(String name, String hostedZoneId) {
        public Domain { Objects.requireNonNull(name); Objects.requireNonNull(hostedZoneId); }
    }

    /**
     * @param certificateArn optional ACM certificate for the ALB listener; without it the ALB
     *                       listens on HTTP 80 only (documented in the README)
     */
    public record App(String image, int containerPort, String healthPath, Optional<String> certificateArn) {}

    /**
     * @param continents geolocation continent codes (AF AN AS EU NA OC SA) or {@code default}
     * @param weight     weighted routing share, 0..255 (empty unless given)
     */
    public record Region(
            String name,
            boolean enabled,
            boolean primary,
            int priority,
            String vpcCidr,
            String instanceType,
            int desiredCount,
            int minCount,
            int maxCount,
            boolean dbMultiAz,
            List<String> continents,
            Optional<Integer> weight) {

        public Region {
            continents = List.copyOf(continents);
        }
    }

    public enum Engine {
        RDS_POSTGRES("rds-postgres"), AURORA_POSTGRES_GLOBAL("aurora-postgres-global");

        private final String key;

        Engine(String key) { this.key = key; }

        public String key() { return key; }
    }

    public record Database(
            Engine engine,
            String engineVersion,
            String instanceClass,
            int allocatedStorage,
            int maxAllocatedStorage,
            int backupRetentionDays) {}

    public enum Protocol { HTTPS, HTTP, TCP }

    public record HealthCheck(
            Protocol protocol,
            int port,
            String path,
            int intervalSeconds,
            int failureThreshold,
            boolean measureLatency,
            List<String> checkerRegions) {

        public HealthCheck {
            checkerRegions = List.copyOf(checkerRegions);
        }
    }

    public record GlobalAccelerator(
            boolean enabled,
            boolean flowLogs,
            int healthCheckIntervalSeconds,
            int thresholdCount) {}

    public record DynamoTable(String name, String partitionKey, Optional<String> sortKey, Optional<String> ttlAttribute) {}

    public record Replication(List<DynamoTable> dynamodbTables, List<String> s3Buckets, boolean vpcPeering) {
        public Replication {
            dynamodbTables = List.copyOf(dynamodbTables);
            s3Buckets = List.copyOf(s3Buckets);
        }
    }

    /**
     * @param approvalTimeoutMinutes how long a run over the RPO budget waits for a person's answer
     *                               before it stops safely (refused)
     */
    public record Failover(
            boolean automatic,
            int rpoBudgetSeconds,
            int quorum,
            int dwellSeconds,
            int cooldownMinutes,
            boolean approvalForDataLoss,
            int approvalTimeoutMinutes) {

        public static final int DEFAULT_APPROVAL_TIMEOUT_MINUTES = 60;
        /** The longest approval window a topology may set: a run times out after 120 minutes, and the workflow's lease covers this. */
        public static final int MAX_APPROVAL_TIMEOUT_MINUTES = 90;

        public Failover(boolean automatic, int rpoBudgetSeconds, int quorum, int dwellSeconds, int cooldownMinutes,
                        boolean approvalForDataLoss) {
            this(automatic, rpoBudgetSeconds, quorum, dwellSeconds, cooldownMinutes, approvalForDataLoss,
                    DEFAULT_APPROVAL_TIMEOUT_MINUTES);
        }
    }

    /**
     * Who hears about decisions, runs waiting for a person, run ends, detector errors and standbys
     * taken out of traffic: email addresses (subscribed to each region's Crossfade topic) and
     * existing SNS topics (each fed by the rules of its own region).
     */
    public record Notifications(List<String> emails, List<String> topicArns) {

        public static final Notifications NONE = new Notifications(List.of(), List.of());

        public Notifications {
            emails = List.copyOf(emails);
            topicArns = List.copyOf(topicArns);
        }

        /** The region of an SNS topic ARN ({@code arn:aws:sns:REGION:ACCOUNT:NAME}). */
        public static String topicRegion(String topicArn) {
            return topicArn.split(":", -1)[3];
        }
    }
}
