package dev.crossfade.infra.cost;

import static dev.crossfade.infra.cost.UnitPrices.*;

import dev.crossfade.infra.constructs.RegionalNetwork;
import dev.crossfade.infra.cost.CostLine.Family;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Region;
import java.util.List;
import java.util.Map;

/**
 * Monthly cost of a topology against the same application in its primary region alone, per cost
 * family of the seed's table. Plain arithmetic over {@link UnitPrices}; see docs/cost.md.
 *
 * <p>"Single region" means the primary region as the topology describes it, without replicas,
 * Global Accelerator, health checks or cross-region transfer. Traffic-driven costs (internet
 * egress, NAT processing, ALB capacity) are the application's total, split over the regions
 * that take traffic, so they do not multiply with the region count.
 */
public final class CostModel {

    /**
     * NAT gateways per region, as the regional stack synthesizes them ({@link RegionalNetwork}:
     * one per availability zone); not a price assumption, so it is not in {@link UnitPrices}.
     */
    public static final int NAT_GATEWAYS_PER_REGION = RegionalNetwork.natGateways(RegionalNetwork.DEFAULT_AZ_COUNT);

    public CostEstimate estimate(Topology t) {
        List<Region> regions = t.enabledRegions();
        Region primary = t.primaryRegion();
        int serving = t.mode() == Topology.Mode.ACTIVE_ACTIVE ? regions.size() : 1;
        int standby = regions.size() - serving;
        return new CostEstimate(List.of(
                new CostLine(Family.COMPUTE, compute(primary), regions.stream().mapToDouble(this::compute).sum(),
                        "desiredCount x EC2 $/h x 730 h, per enabled region"),
                new CostLine(Family.DATABASE, database(t, primary), regions.stream().mapToDouble(r -> database(t, r)).sum(),
                        t.database().engine().key() + " primary plus one replica or secondary cluster per other region"),
                new CostLine(Family.NAT, nat(1), nat(regions.size()),
                        NAT_GATEWAYS_PER_REGION + " NAT gateways per region, processing on the app's traffic"),
                new CostLine(Family.TRANSFER, INTERNET_OUT_GB_PER_MONTH * INTERNET_OUT_GB,
                        INTERNET_OUT_GB_PER_MONTH * INTERNET_OUT_GB + replicationFlows(t) * REPLICATED_GB_PER_MONTH * CROSS_REGION_GB,
                        "internet egress plus " + replicationFlows(t) + " cross-region replication flow(s)"),
                new CostLine(Family.LOAD_BALANCERS, alb(1, 0), alb(serving, standby),
                        serving + " serving ALB(s), " + standby + " idle standby ALB(s)"),
                new CostLine(Family.GLOBAL_ACCELERATOR, 0, accelerator(t),
                        t.globalAccelerator().enabled() ? "fixed fee plus DT premium on all traffic" : "disabled"),
                new CostLine(Family.HEALTH_CHECKS, 0, healthChecks(t, regions.size()),
                        healthChecksPerRegion(regions.size()) * regions.size() + " Route 53 health checks ("
                                + (vetoes(regions.size()) ? "endpoint, routing control, veto, serving" : "endpoint, routing control, serving")
                                + " per region) and " + alarmsPerRegion(regions.size()) + " alarms per region"),
                new CostLine(Family.KMS, keysPerRegion(t) * KMS_KEY_MONTHLY, keysPerRegion(t) * regions.size() * KMS_KEY_MONTHLY,
                        keysPerRegion(t) + " customer-managed key(s) per region")));
    }

    private double compute(Region r) {
        return r.desiredCount() * price(EC2_HOURLY, r.instanceType(), "regions." + r.name() + ".instanceType") * HOURS_PER_MONTH;
    }

    private double database(Topology t, Region r) {
        Topology.Database db = t.database();
        if (db.engine() == Topology.Engine.AURORA_POSTGRES_GLOBAL) {
            int instances = r.dbMultiAz() ? 2 : 1;
            int gb = db.allocatedStorage() > 0 ? db.allocatedStorage() : AURORA_ASSUMED_GB;
            return instances * price(AURORA_POSTGRES_HOURLY, db.instanceClass(), "database.instanceClass") * HOURS_PER_MONTH
                    + gb * AURORA_STORAGE_GB_MONTH;
        }
        int copies = r.dbMultiAz() ? 2 : 1;
        return copies * (price(RDS_POSTGRES_HOURLY, db.instanceClass(), "database.instanceClass") * HOURS_PER_MONTH
                + db.allocatedStorage() * RDS_GP2_GB_MONTH);
    }

    private static double nat(int regions) {
        return regions * NAT_GATEWAYS_PER_REGION * NAT_GATEWAY_HOURLY * HOURS_PER_MONTH + NAT_GB_PER_MONTH * NAT_PROCESSED_GB;
    }

    private static double alb(int serving, int standby) {
        return (serving + standby) * ALB_HOURLY * HOURS_PER_MONTH
                + (LCUS_FOR_FULL_TRAFFIC + standby * LCUS_IDLE) * ALB_LCU_HOURLY * HOURS_PER_MONTH;
    }

    /** Active-passive: primary to each standby. Active-active: every region to every other. */
    static int replicationFlows(Topology t) {
        int n = t.enabledRegions().size();
        return t.mode() == Topology.Mode.ACTIVE_ACTIVE ? n * (n - 1) : n - 1;
    }

    private static double accelerator(Topology t) {
        return t.globalAccelerator().enabled()
                ? GA_HOURLY * HOURS_PER_MONTH + INTERNET_OUT_GB_PER_MONTH * GA_DT_PREMIUM_GB
                : 0;
    }

    private static double healthChecks(Topology t, int regions) {
        Topology.HealthCheck hc = t.healthCheck();
        int features = (hc.protocol() == Topology.Protocol.HTTPS ? 1 : 0) + (hc.intervalSeconds() == 10 ? 1 : 0)
                + (hc.measureLatency() ? 1 : 0);
        // per region: the endpoint check with its alarm, plus the checks on the workflow's alarms (the
        // routing control, and the veto held in another region) and the calculated serving check
        // combining them (none of these has an optional feature), and the routing-control and veto alarms
        return regions * (HEALTH_CHECK_MONTHLY + features * HEALTH_CHECK_FEATURE_MONTHLY
                + (healthChecksPerRegion(regions) - 1) * HEALTH_CHECK_MONTHLY + alarmsPerRegion(regions) * CLOUDWATCH_ALARM_MONTHLY);
    }

    /** A region has a routing veto (held by another region: VetoHolder) when there is another enabled region. */
    private static boolean vetoes(int regions) {
        return regions > 1;
    }

    /** Route 53 checks per enabled region: endpoint, routing control, serving, and the veto when there is one. */
    static int healthChecksPerRegion(int regions) {
        return vetoes(regions) ? 4 : 3;
    }

    /** Alarms per enabled region: the endpoint check's, the routing control's, and its veto's (in the holder region). */
    static int alarmsPerRegion(int regions) {
        return vetoes(regions) ? 3 : 2;
    }

    /** One key each for the database, the S3 buckets and the DynamoDB tables, when present. */
    static int keysPerRegion(Topology t) {
        return 1 + (t.replication().s3Buckets().isEmpty() ? 0 : 1) + (t.replication().dynamodbTables().isEmpty() ? 0 : 1);
    }

    private static double price(Map<String, Double> table, String type, String key) {
        Double hourly = table.get(type);
        if (hourly == null) {
            throw new IllegalArgumentException(key + ": no unit price for '" + type + "' in the cost model (known: "
                    + table.keySet().stream().sorted().toList() + "); add it to UnitPrices and docs/cost.md");
        }
        return hourly;
    }
}
