package dev.crossfade.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Things in a valid topology that will not deploy as written, or that deploy but surprise.
 * They do not stop synthesis (the topology stays valid), but {@code crossfade validate} and
 * {@code crossfade synth} print them.
 */
public final class TopologyWarnings {

    private TopologyWarnings() {}

    public static List<Problem> of(Topology topology) {
        List<Problem> warnings = new ArrayList<>();
        Topology.Database db = topology.database();
        if (DeprecatedEngineVersions.isDeprecated(db.engine(), db.engineVersion())) {
            warnings.add(new Problem("database.engineVersion", 0, "PostgreSQL " + db.engineVersion() + " ("
                    + db.engine().key() + ") is deprecated and cannot be used to create new "
                    + (db.engine() == Topology.Engine.RDS_POSTGRES ? "RDS DB instances" : "Aurora DB clusters")
                    + " (cfn-lint " + (db.engine() == Topology.Engine.RDS_POSTGRES ? "W3691" : "W3690")
                    + "); choose a current minor version, e.g. \"16.13\""));
        }
        return List.copyOf(warnings);
    }
}
