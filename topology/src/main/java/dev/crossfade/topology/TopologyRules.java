package dev.crossfade.topology;

import dev.crossfade.topology.Topology.Region;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules that span several keys; run only on a file whose keys and types are already right. */
final class TopologyRules {

    private TopologyRules() {}

    static void check(Topology t, NodeReader in) {
        regions(t, in);
        cidrs(t, in);
        routing(t, in);
        database(t, in);
        healthChecks(t, in);
        replication(t, in);
        failover(t, in);
        notifications(t, in);
    }

    private static void regions(Topology t, NodeReader in) {
        List<Region> enabled = t.enabledRegions();
        if (enabled.size() < 2) {
            in.problem("regions", "at least two enabled regions are required, found " + enabled.size());
        }
        List<Region> primaries = new ArrayList<>();
        for (Region r : t.regions().values()) {
            String path = "regions." + r.name();
            if (r.primary() && !r.enabled()) {
                in.problem(path + ".primary", "the primary region must be enabled (enabled: false here)");
            }
            if (r.primary() && r.enabled()) {
                primaries.add(r);
            }
            if (r.priority() < 1) {
                in.problem(path + ".priority", "must be 1 or more, found " + r.priority());
            }
            if (r.minCount() < 0) {
                in.problem(path + ".minCount", "must be 0 or more, found " + r.minCount());
            }
            if (r.minCount() > r.desiredCount()) {
                in.problem(path + ".minCount", "minCount " + r.minCount() + " is greater than desiredCount " + r.desiredCount());
            }
            if (r.desiredCount() > r.maxCount()) {
                in.problem(path + ".desiredCount", "desiredCount " + r.desiredCount() + " is greater than maxCount " + r.maxCount());
            }
            if (!r.instanceType().matches("[a-z][a-z0-9-]*\\.[a-z0-9]+")) {
                in.problem(path + ".instanceType", "must be an EC2 instance type such as m5.large, found '" + r.instanceType() + "'");
            }
        }
        if (primaries.isEmpty() && t.regions().values().stream().noneMatch(Region::primary)) {
            in.problem("regions", "no region has primary: true; exactly one enabled region must be primary");
        }
        if (primaries.size() > 1) {
            for (Region r : primaries.subList(1, primaries.size())) {
                in.problem("regions." + r.name() + ".primary", "two primaries: " + primaries.get(0).name() + " and " + r.name()
                        + " both say primary: true; exactly one enabled region must be primary");
            }
        }
        Map<Integer, String> byPriority = new HashMap<>();
        for (Region r : enabled) {
            String other = byPriority.putIfAbsent(r.priority(), r.name());
            if (other != null) {
                in.problem("regions." + r.name() + ".priority", "priority " + r.priority() + " is also used by " + other
                        + "; enabled regions need distinct priorities");
            }
        }
    }

    private static void cidrs(Topology t, NodeReader in) {
        List<Region> checked = new ArrayList<>();
        Map<String, Cidr> parsed = new HashMap<>();
        for (Region r : t.regions().values()) {
            String path = "regions." + r.name() + ".vpcCidr";
            Cidr cidr = Cidr.parse(r.vpcCidr());
            if (cidr == null) {
                in.problem(path, "must be an IPv4 CIDR block such as 10.0.0.0/16, found '" + r.vpcCidr() + "'");
                continue;
            }
            if (cidr.prefix() < 16 || cidr.prefix() > 24) {
                in.problem(path, "a VPC CIDR must be between /16 and /24 (an AWS limit), found /" + cidr.prefix());
            }
            if (!r.enabled()) {
                continue;
            }
            for (Region other : checked) {
                if (cidr.overlaps(parsed.get(other.name()))) {
                    in.problem(path, r.vpcCidr() + " overlaps regions." + other.name() + ".vpcCidr " + other.vpcCidr()
                            + "; enabled regions need disjoint CIDRs for peering");
                }
            }
            parsed.put(r.name(), cidr);
            checked.add(r);
        }
    }

    private static void routing(Topology t, NodeReader in) {
        boolean geo = t.routing() == Topology.Routing.GEOLOCATION;
        boolean weighted = t.routing() == Topology.Routing.WEIGHTED;
        boolean anyDefault = false;
        for (Region r : t.regions().values()) {
            String path = "regions." + r.name();
            r.weight().filter(w -> w < 0 || w > 255)
                    .ifPresent(w -> in.problem(path + ".weight", "must be 0..255, found " + w));
            for (int i = 0; i < r.continents().size(); i++) {
                String c = r.continents().get(i);
                if (c.equals("default")) {
                    anyDefault |= r.enabled();
                } else if (!AwsRegions.CONTINENTS.contains(c)) {
                    in.problem(path + ".continents[" + i + "]", "unknown continent code '" + c
                            + "'; use AF AN AS EU NA OC SA or default");
                }
            }
            if (!r.enabled()) {
                continue;
            }
            if (geo && r.continents().isEmpty()) {
                in.problem(path + ".continents", "geolocation routing needs continents for every enabled region");
            }
            if (weighted && r.weight().isEmpty()) {
                in.problem(path + ".weight", "weighted routing needs a weight (0..255) for every enabled region");
            }
        }
        if (geo && !anyDefault) {
            in.problem("regions", "geolocation routing needs one enabled region whose continents include 'default'");
        }
        if (weighted && t.enabledRegions().stream().allMatch(r -> r.weight().orElse(0) == 0)) {
            in.problem("regions", "weighted routing needs at least one enabled region with a weight above 0");
        }
    }

    private static void database(Topology t, NodeReader in) {
        var db = t.database();
        if (db.engineVersion().isBlank()) {
            in.problem("database.engineVersion", "must not be empty");
        }
        if (db.backupRetentionDays() < 1 && t.enabledRegions().size() > 1) {
            in.problem("database.backupRetentionDays", "must be 1 or more when replicas exist (RDS needs backups for a read replica), found "
                    + db.backupRetentionDays());
        }
        if (db.backupRetentionDays() > 35) {
            in.problem("database.backupRetentionDays", "must be at most 35 (an AWS limit), found " + db.backupRetentionDays());
        }
        if (db.engine() == Topology.Engine.RDS_POSTGRES) {
            if (db.allocatedStorage() < 20) {
                in.problem("database.allocatedStorage", "must be at least 20 (GiB), found " + db.allocatedStorage());
            }
            if (db.maxAllocatedStorage() < db.allocatedStorage()) {
                in.problem("database.maxAllocatedStorage", "must be at least allocatedStorage " + db.allocatedStorage()
                        + ", found " + db.maxAllocatedStorage());
            }
        }
        if (!db.instanceClass().startsWith("db.")) {
            in.problem("database.instanceClass", "must be an RDS instance class such as db.r5.large, found '" + db.instanceClass() + "'");
        }
        if (db.engine() == Topology.Engine.AURORA_POSTGRES_GLOBAL && t.enabledRegions().size() > 11) {
            in.problem("regions", "an Aurora global database has at most 10 secondary regions");
        }
    }

    private static void healthChecks(Topology t, NodeReader in) {
        var hc = t.healthCheck();
        if (hc.intervalSeconds() != 10 && hc.intervalSeconds() != 30) {
            in.problem("healthCheck.intervalSeconds", "must be 10 or 30, found " + hc.intervalSeconds());
        }
        if (hc.failureThreshold() < 1 || hc.failureThreshold() > 10) {
            in.problem("healthCheck.failureThreshold", "must be 1..10, found " + hc.failureThreshold());
        }
        if (hc.port() < 1 || hc.port() > 65535) {
            in.problem("healthCheck.port", "must be a port 1..65535, found " + hc.port());
        }
        if (hc.protocol() != Topology.Protocol.TCP && !hc.path().startsWith("/")) {
            in.problem("healthCheck.path", "must start with '/', found '" + hc.path() + "'");
        }
        for (int i = 0; i < hc.checkerRegions().size(); i++) {
            String checker = hc.checkerRegions().get(i);
            if (!AwsRegions.HEALTH_CHECKER_REGIONS.contains(checker)) {
                in.problem("healthCheck.checkerRegions[" + i + "]", (AwsRegions.isKnown(checker)
                        ? "Route 53 cannot run health checks from '" + checker + "'"
                        : "unknown AWS region code '" + checker + "'")
                        + "; use " + String.join(", ", new java.util.TreeSet<>(AwsRegions.HEALTH_CHECKER_REGIONS)));
            }
        }
        if (!hc.checkerRegions().isEmpty() && hc.checkerRegions().size() < 3) {
            in.problem("healthCheck.checkerRegions", "Route 53 needs at least 3 checker regions (or none for its default), found "
                    + hc.checkerRegions().size());
        }
        var ga = t.globalAccelerator();
        if (ga.healthCheckIntervalSeconds() != 10 && ga.healthCheckIntervalSeconds() != 30) {
            in.problem("globalAccelerator.healthCheckIntervalSeconds", "must be 10 or 30, found " + ga.healthCheckIntervalSeconds());
        }
        if (ga.thresholdCount() < 1 || ga.thresholdCount() > 10) {
            in.problem("globalAccelerator.thresholdCount", "must be 1..10, found " + ga.thresholdCount());
        }
    }

    private static void replication(Topology t, NodeReader in) {
        var tables = t.replication().dynamodbTables();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            var table = tables.get(i);
            String path = "replication.dynamodbTables[" + i + "]";
            if (table.partitionKey().isBlank()) {
                in.problem(path + ".partitionKey", "table '" + table.name() + "' needs a partition key");
            }
            Integer first = seen.putIfAbsent(table.name(), i);
            if (first != null) {
                in.problem(path + ".name", "table name '" + table.name() + "' is already used by dynamodbTables[" + first + "]");
            }
        }
        var buckets = t.replication().s3Buckets();
        for (int i = 0; i < buckets.size(); i++) {
            if (buckets.indexOf(buckets.get(i)) != i) {
                in.problem("replication.s3Buckets[" + i + "]", "bucket '" + buckets.get(i) + "' is listed twice");
            }
        }
    }

    private static void failover(Topology t, NodeReader in) {
        var f = t.failover();
        if (f.quorum() < 1) {
            in.problem("failover.quorum", "must be 1 or more, found " + f.quorum());
        }
        if (f.rpoBudgetSeconds() < 0) {
            in.problem("failover.rpoBudgetSeconds", "must be 0 or more, found " + f.rpoBudgetSeconds());
        }
        if (f.dwellSeconds() < 0) {
            in.problem("failover.dwellSeconds", "must be 0 or more, found " + f.dwellSeconds());
        }
        if (f.cooldownMinutes() < 0) {
            in.problem("failover.cooldownMinutes", "must be 0 or more, found " + f.cooldownMinutes());
        }
        // the whole run times out after 120 minutes (the ASL's TimeoutSeconds); leave 30 for the rest of it
        if (f.approvalTimeoutMinutes() < 1 || f.approvalTimeoutMinutes() > Topology.Failover.MAX_APPROVAL_TIMEOUT_MINUTES) {
            in.problem("failover.approvalTimeoutMinutes", "must be 1.." + Topology.Failover.MAX_APPROVAL_TIMEOUT_MINUTES
                    + " (a run times out after 120 minutes), found "
                    + f.approvalTimeoutMinutes());
        }
        reachableQuorum(t, in);
    }

    /** Route 53 publishes health-check metrics, and so keeps the health-check alarms, only in this region. */
    static final String HEALTH_CHECK_REGION = "us-east-1";

    /**
     * The independent signals about {@code failed} that still reach a detector when that region is
     * entirely down (its own alarms, EventBridge and forwarding gone with it): the canary of every
     * other enabled region, and the Route 53 health-check alarm when it lives elsewhere, in an
     * enabled region whose forwarding carries it to the peers (docs/detection.md "Reachable quorum").
     */
    static List<String> signalsSurvivingOutageOf(Topology t, String failed) {
        List<String> out = new ArrayList<>();
        for (Region r : t.enabledRegions()) {
            if (!r.name().equals(failed)) {
                out.add("canary@" + r.name());
            }
        }
        boolean healthCheckForwarded = t.enabledRegions().stream().anyMatch(r -> r.name().equals(HEALTH_CHECK_REGION));
        if (!failed.equals(HEALTH_CHECK_REGION) && healthCheckForwarded) {
            out.add("health-check@" + HEALTH_CHECK_REGION);
        }
        return out;
    }

    /**
     * An automatic failover must be able to meet its quorum with the signals that survive a
     * whole-region outage of any region that takes traffic (the primary first): otherwise the
     * outage it exists for can never trigger it.
     */
    private static void reachableQuorum(Topology t, NodeReader in) {
        var f = t.failover();
        if (!f.automatic() || f.quorum() < 1 || t.enabledRegions().size() < 2) {
            return;
        }
        List<Region> candidates = new ArrayList<>(t.enabledRegions());
        candidates.sort((a, b) -> Boolean.compare(b.primary(), a.primary()));
        for (Region failed : candidates) {
            List<String> surviving = signalsSurvivingOutageOf(t, failed.name());
            if (surviving.size() < f.quorum()) {
                in.problem("failover.quorum", "quorum " + f.quorum() + " can never be met when " + failed.name()
                        + (failed.primary() ? " (the primary)" : "") + " is entirely down: its own alarms, EventBridge"
                        + (failed.name().equals(HEALTH_CHECK_REGION) ? " and the Route 53 health-check alarms (which live only in "
                        + HEALTH_CHECK_REGION + ")" : "") + " go with it, and only " + surviving.size() + " independent signal"
                        + (surviving.size() == 1 ? "" : "s") + " survive " + surviving + "; set quorum to at most "
                        + Math.max(1, surviving.size()) + ", enable another region (its canary is one more independent observer),"
                        + " or set failover.automatic: false");
                return;
            }
        }
    }

    /** EventBridge delivers to SNS topics of its own region only, so a topic must live in an enabled region. */
    private static void notifications(Topology t, NodeReader in) {
        List<String> topics = t.notifications().topicArns();
        List<String> enabled = t.enabledRegions().stream().map(Region::name).toList();
        Map<String, Integer> perRegion = new HashMap<>();
        for (int i = 0; i < topics.size(); i++) {
            String region = Topology.Notifications.topicRegion(topics.get(i));
            if (perRegion.merge(region, 1, Integer::sum) > 4) {
                in.problem("notifications.topicArns[" + i + "]", "at most 4 topics per region: an EventBridge rule has at most "
                        + "5 targets, one of them the region's own Crossfade topic");
            }
            if (!enabled.contains(region)) {
                in.problem("notifications.topicArns[" + i + "]", "topic region " + region + " is not an enabled region ("
                        + String.join(", ", enabled) + "): the EventBridge rules of a region deliver to topics of that region only");
            }
        }
    }
}
