package dev.crossfade.local.lab;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;

import dev.crossfade.emulator.Poll;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.topology.Topology.Engine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Waits, through the RDS API, until every region's database reads {@code available} (its real server is up). */
public final class DatabaseReadiness {

    private DatabaseReadiness() {}

    /** @return the statuses read last; fails naming any that is not available by the deadline */
    public static Map<String, String> awaitAvailable(EmulatedApplication app, Duration timeout) {
        return Poll.until(timeout, () -> statuses(app), s -> s.values().stream().allMatch("available"::equals));
    }

    public static Map<String, String> statuses(EmulatedApplication app) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (String region : app.regions()) {
            if (app.engine() == Engine.RDS_POSTGRES) {
                statuses.put(region, app.db(region).dbInstanceStatus());
            } else {
                statuses.put(region, app.clients().get(RDS, region).describeDBClusters(r -> r.dbClusterIdentifier(app.names().dbCluster(region)))
                        .dbClusters().getFirst().status());
            }
        }
        if (app.engine() == Engine.AURORA_POSTGRES_GLOBAL) {
            statuses.put("global", app.clients().get(RDS, app.primary()).describeGlobalClusters(r -> r.globalClusterIdentifier(app.names().globalCluster()))
                    .globalClusters().getFirst().status());
        }
        return statuses;
    }
}
