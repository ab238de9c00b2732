package dev.crossfade.local.testutils;

import dev.crossfade.emulator.MotoServer;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.ResourceNames;
import dev.crossfade.local.StateMachineFile;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.TopologyParser;
import java.util.LinkedHashMap;
import java.util.Map;

/** The seed topology (examples/seed-active-passive.yaml: shop-prod, us-east-1 primary, eu-west-1 standby). */
public final class Seed {

    public static final String APP = "shop-prod";
    public static final String PRIMARY = "us-east-1";
    public static final String STANDBY = "eu-west-1";
    public static final ResourceNames NAMES = new ResourceNames(APP);
    /** The third region of {@link #threeRegions()}, priority 3. */
    public static final String THIRD = "ap-south-1";

    private Seed() {}

    public static Topology topology() {
        return TopologyParser.parse(StateMachineFile.repoRoot().resolve("examples/seed-active-passive.yaml"));
    }

    /** The seed on an Aurora PostgreSQL global database instead of RDS read replicas. */
    public static Topology withEngine(Topology t, Engine engine) {
        Topology.Database d = t.database();
        return new Topology(t.project(), t.environment(), t.account(), t.mode(), t.domain(), t.routing(), t.app(), t.regions(),
                new Topology.Database(engine, d.engineVersion(), d.instanceClass(), d.allocatedStorage(), d.maxAllocatedStorage(),
                        d.backupRetentionDays()),
                t.healthCheck(), t.globalAccelerator(), t.replication(), t.failover());
    }

    /** The topology with one region switched off ({@code enabled: false}), as an operator's edit would. */
    public static Topology withRegionDisabled(Topology t, String region) {
        Map<String, Topology.Region> regions = new LinkedHashMap<>(t.regions());
        regions.computeIfPresent(region, (name, r) -> new Topology.Region(r.name(), false, r.primary(), r.priority(), r.vpcCidr(),
                r.instanceType(), r.desiredCount(), r.minCount(), r.maxCount(), r.dbMultiAz(), r.continents(), r.weight()));
        return new Topology(t.project(), t.environment(), t.account(), t.mode(), t.domain(), t.routing(), t.app(), regions,
                t.database(), t.healthCheck(), t.globalAccelerator(), t.replication(), t.failover());
    }

    /** The topology with another {@code failover.rpoBudgetSeconds}. */
    public static Topology withRpoBudget(Topology t, int seconds) {
        Topology.Failover f = t.failover();
        return new Topology(t.project(), t.environment(), t.account(), t.mode(), t.domain(), t.routing(), t.app(), t.regions(),
                t.database(), t.healthCheck(), t.globalAccelerator(), t.replication(),
                new Topology.Failover(f.automatic(), seconds, f.quorum(), f.dwellSeconds(), f.cooldownMinutes(), f.approvalForDataLoss()));
    }

    /** Three rds-postgres regions with failover routing: us-east-1 (1, primary), eu-west-1 (2), ap-south-1 (3). */
    public static Topology threeRegions() {
        return TopologyParser.parse(StateMachineFile.repoRoot().resolve("local/src/test/resources/topologies/three-regions-rds.yaml"));
    }

    /** Resets moto and deploys {@link #threeRegions()}: a primary and two cross-region read replicas of it. */
    public static EmulatedApplication deployThreeRegions(MotoServer moto) {
        return EmulatedApplication.deploy(moto, threeRegions());
    }

    /** Resets moto and deploys the seed (rds-postgres with a cross-region read replica). */
    public static EmulatedApplication deployRds(MotoServer moto) {
        return EmulatedApplication.deploy(moto, topology());
    }

    /** Resets moto and deploys the seed on an Aurora PostgreSQL global database. */
    public static EmulatedApplication deployAurora(MotoServer moto) {
        return EmulatedApplication.deploy(moto, withEngine(topology(), Engine.AURORA_POSTGRES_GLOBAL));
    }
}
