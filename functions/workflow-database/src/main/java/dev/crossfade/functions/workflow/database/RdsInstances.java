package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/** The replica steps' read of one RDS instance, which may not exist (yet, or any more). */
final class RdsInstances {

    private RdsInstances() {}

    /** The instance {@code id} in {@code region}; empty when RDS has no such instance. */
    static Optional<DBInstance> find(AwsClients clients, String region, String id) {
        try {
            return AwsCalls.call("DescribeDBInstances " + id, () -> clients.get(RDS, region).describeDBInstances(r -> r.dbInstanceIdentifier(id)))
                    .dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }
}
