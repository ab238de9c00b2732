package dev.crossfade.infra.cost;

import java.util.Map;

/**
 * Unit prices (USD, us-east-1 on-demand list prices, rounded) and traffic assumptions of the
 * cost model. Every number the model uses is here and in docs/cost.md; change both together.
 */
public final class UnitPrices {

    private UnitPrices() {}

    public static final double HOURS_PER_MONTH = 730;

    /** EC2 on-demand $/h for the ECS container instances, by instance type. */
    public static final Map<String, Double> EC2_HOURLY = Map.of(
            "t3.medium", 0.0416, "t3.large", 0.0832,
            "m5.large", 0.096, "m5.xlarge", 0.192, "m5.2xlarge", 0.384,
            "m6i.large", 0.096, "m6i.xlarge", 0.192,
            "c5.large", 0.085, "c5.xlarge", 0.17);
    /** RDS for PostgreSQL single-AZ $/h by instance class; multi-AZ doubles it. */
    public static final Map<String, Double> RDS_POSTGRES_HOURLY = Map.of(
            "db.t3.medium", 0.072, "db.m5.large", 0.178, "db.m6g.large", 0.159,
            "db.r5.large", 0.25, "db.r6g.large", 0.225, "db.r5.xlarge", 0.50);
    /** Aurora PostgreSQL $/h per instance by class. */
    public static final Map<String, Double> AURORA_POSTGRES_HOURLY = Map.of(
            "db.t3.medium", 0.082, "db.r5.large", 0.29, "db.r6g.large", 0.26, "db.r5.xlarge", 0.58);
    public static final double RDS_GP2_GB_MONTH = 0.115;
    public static final double AURORA_STORAGE_GB_MONTH = 0.10;
    /** Aurora storage assumed when the topology gives no allocatedStorage (Aurora grows on demand). */
    public static final int AURORA_ASSUMED_GB = 100;

    public static final double NAT_GATEWAY_HOURLY = 0.045;
    public static final double NAT_PROCESSED_GB = 0.045;

    public static final double ALB_HOURLY = 0.0225;
    public static final double ALB_LCU_HOURLY = 0.008;
    /** LCUs the whole application's traffic needs, split over the regions taking traffic. */
    public static final double LCUS_FOR_FULL_TRAFFIC = 5;
    /** LCUs an idle standby ALB is billed (health checks only; the minimum is one LCU-hour band). */
    public static final double LCUS_IDLE = 1;

    /** Internet data out, $/GB (first 10 TB tier), and the assumed monthly volume. */
    public static final double INTERNET_OUT_GB = 0.09;
    public static final double INTERNET_OUT_GB_PER_MONTH = 1000;
    /** NAT-processed traffic of the application per month (image pulls, AWS APIs, third parties). */
    public static final double NAT_GB_PER_MONTH = 500;
    /** Cross-region transfer, $/GB (brief: $0.02/GB), and the replicated volume per source region. */
    public static final double CROSS_REGION_GB = 0.02;
    public static final double REPLICATED_GB_PER_MONTH = 200;

    /** Global Accelerator: fixed $/h plus a data-transfer premium ($0.015-0.035/GB; midpoint). */
    public static final double GA_HOURLY = 0.025;
    public static final double GA_DT_PREMIUM_GB = 0.025;

    /** Route 53 health check of an AWS endpoint, $/month, and each optional feature. */
    public static final double HEALTH_CHECK_MONTHLY = 0.50;
    public static final double HEALTH_CHECK_FEATURE_MONTHLY = 1.00;
    public static final double CLOUDWATCH_ALARM_MONTHLY = 0.10;

    public static final double KMS_KEY_MONTHLY = 1.00;
}
