package dev.crossfade.cli.drill.testutils;

import dev.crossfade.cli.testutils.RepoRoot;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;

/** The example topologies of the repository, parsed. */
public final class Topologies {

    private Topologies() {}

    /** shop-prod: us-east-1 primary, eu-west-1 standby, interval 10 s, threshold 3, account 123456789012. */
    public static Topology seed() {
        return parse("examples/seed-active-passive.yaml");
    }

    /** shop-prod: us-east-1 and ap-south-1, no account in the file. */
    public static Topology activeActive() {
        return parse("examples/active-active-latency.yaml");
    }

    /** shop-prod: us-east-1, eu-west-1, ap-southeast-1 active, Aurora global, quorum 2 (sa-east-1 disabled). */
    public static Topology geo() {
        return parse("examples/three-region-geo.yaml");
    }

    private static Topology parse(String relative) {
        return TopologyParser.parse(RepoRoot.path().resolve(relative));
    }
}
