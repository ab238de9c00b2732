package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RoutingControl;
import dev.crossfade.functions.workflow.state.RoutingVeto;
import dev.crossfade.functions.workflow.state.RunLock;
import dev.crossfade.functions.workflow.state.StateTables;
import dev.crossfade.functions.workflow.state.WriterRecord;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Parameter;

/**
 * Each region's guard against an old primary that comes back as a writer (docs/workflow.md, "An
 * old primary that comes back"). A run that found the old primary unreachable promotes without
 * its write fence (docs/workflow.md, "When fencing may be skipped"): nothing can reach a region
 * that is gone. When that region returns, its database is a standalone instance that still accepts
 * writes. Its own guard, run by its own EventBridge schedule every minute, fences it: the database
 * of this region is put read-only ({@code default_transaction_read_only} on, the fence the run
 * would have applied) when
 * <ul>
 *   <li>the newest {@link WriterRecord} over every region's state table names another region;</li>
 *   <li>this region's instance is standalone (no replica: a replica takes no writes);</li>
 *   <li>it was not promoted from the recorded writer (tag {@code crossfade:promoted-from}: a run
 *       that promoted it and died before recording it left it the writer's successor);</li>
 *   <li>no run holds the run lock in any table that answers (a run in progress may be promoting
 *       this very region; its record follows before the lock is released).</li>
 * </ul>
 * rds-postgres only: for aurora-postgres-global, the global cluster demotes an old writer that
 * comes back (FailoverGlobalCluster's {@code FromDbClusterArn}). Reads only its own region's RDS
 * endpoint and writes only its own parameter group: a guard acts on nothing but its own region.
 */
public final class WriterGuard extends StepLogic {

    /**
     * What a tick found or did; {@code action} is one of the constants below. {@code vetoLifted}:
     * the region's routing veto was lifted (published 0 in its holder) by this tick.
     */
    public record Outcome(String action, String detail, boolean vetoLifted) {
        public Outcome(String action, String detail) {
            this(action, detail, false);
        }
    }

    public static final String FENCED = "FENCED";
    public static final String ALREADY_FENCED = "ALREADY_FENCED";
    public static final String WRITER = "WRITER";
    public static final String REPLICA = "REPLICA";
    public static final String NO_RECORD = "NO_RECORD";
    public static final String HELD = "HELD";
    public static final String PROMOTED_UNRECORDED = "PROMOTED_UNRECORDED";
    public static final String NOT_APPLICABLE = "NOT_APPLICABLE";

    private final String region;

    public WriterGuard(AwsClients clients, WorkflowConfig config, String region) {
        super(clients, config);
        this.region = region;
        if (!config.regions().containsKey(region)) {
            throw new IllegalArgumentException("the guard's region " + region + " is not an enabled region of " + config.application()
                    + " (" + String.join(", ", config.regions().keySet()) + ")");
        }
    }

    public Outcome check(Instant now) {
        if (config.engine() != Engine.RDS_POSTGRES) {
            return new Outcome(NOT_APPLICABLE, "aurora-postgres-global: the global cluster demotes an old writer that comes back");
        }
        String lockKey = RunLock.key(config.application());
        String writerKey = WriterRecord.key(config.application());
        // one pass over the tables: a region that is gone costs one failed call
        var copies = new StateTables(clients, config).read(java.util.List.of(lockKey, writerKey));
        Optional<String> holder = lockHolder(copies, lockKey, now);
        if (holder.isPresent()) {
            return new Outcome(HELD, "run " + holder.get() + " holds the run lock: it owns the writer until it records the outcome");
        }
        Optional<WriterRecord.Writer> writer = Optional.ofNullable(StateTables.newest(copies, writerKey)).map(WriterRecord::writer);
        if (writer.isEmpty()) {
            return new Outcome(NO_RECORD, "no run has moved the writer: the topology's primary is the writer");
        }
        if (writer.get().region().equals(region)) {
            return new Outcome(WRITER, region + " is the recorded writer (" + writer.get().setBy() + ")");
        }
        RegionTargets own = config.region(region);
        DBInstance db = AwsCalls.call("DescribeDBInstances " + own.dbInstanceId(), () -> clients.get(RDS, region)
                .describeDBInstances(r -> r.dbInstanceIdentifier(own.dbInstanceId()))).dbInstances().getFirst();
        if (db.readReplicaSourceDBInstanceIdentifier() != null) {
            return liftVeto(new Outcome(REPLICA, own.dbInstanceId() + " replicates from " + db.readReplicaSourceDBInstanceIdentifier()));
        }
        WriterLineage lineage = new WriterLineage(clients, config);
        String promotedFrom = lineage.tags(region, db.dbInstanceArn()).getOrDefault(WriterLineage.PROMOTED_FROM_TAG, "");
        String writerArn = lineage.instanceArn(writer.get().region(), db);
        if (WriterLineage.sameInstance(promotedFrom, writerArn)) {
            return new Outcome(PROMOTED_UNRECORDED, own.dbInstanceId() + " was promoted from the recorded writer " + writerArn
                    + " by a run that recorded no outcome: left as it is, a person decides (crossfade status)");
        }
        if (readOnly(own)) {
            return liftVeto(new Outcome(ALREADY_FENCED, own.dbInstanceId() + " is standalone and read-only; the writer is "
                    + writer.get().region()));
        }
        AwsCalls.run("ModifyDBParameterGroup " + own.dbParameterGroup(), () -> clients.get(RDS, region).modifyDBParameterGroup(r -> r
                .dbParameterGroupName(own.dbParameterGroup()).parameters(Parameter.builder().parameterName(Fencing.READ_ONLY_PARAMETER)
                        .parameterValue("on").applyMethod(ApplyMethod.IMMEDIATE).build())));
        return new Outcome(FENCED, own.dbInstanceId() + " in " + region + " accepted writes while the writer is " + writer.get().region()
                + " (recorded by " + writer.get().setBy() + "): fenced read-only");
    }

    /**
     * This region's database takes no writes (a replica, or fenced) and the recorded writer is
     * another region: once its own routing control reads off (its detector republished the desired
     * state), the veto the run may have set on it while it was gone has done its work and is lifted.
     * Best effort: a failure is noted and the next minute tries again.
     */
    private Outcome liftVeto(Outcome outcome) {
        RoutingVeto veto = new RoutingVeto(clients, config);
        if (veto.holder(region).isEmpty()) {
            return outcome;
        }
        try {
            Optional<Double> control = new RoutingControl(clients, config.application()).read(region);
            if (control.isEmpty() || control.get() >= 1) {
                return new Outcome(outcome.action(), outcome.detail() + "; routing control of " + region + " reads "
                        + control.map(String::valueOf).orElse("nothing") + ": its veto stays", false);
            }
            String holder = veto.set(region, false).orElseThrow();
            return new Outcome(outcome.action(), outcome.detail() + "; routing control off: veto lifted in " + holder, true);
        } catch (RuntimeException e) {
            return new Outcome(outcome.action(), outcome.detail() + "; veto not lifted: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), false);
        }
    }

    /** Whether the parameter group already holds the fence (a user-set value of the read-only parameter). */
    private boolean readOnly(RegionTargets own) {
        return AwsCalls.call("DescribeDBParameters " + own.dbParameterGroup(), () -> clients.get(RDS, region)
                        .describeDBParametersPaginator(r -> r.dbParameterGroupName(own.dbParameterGroup()).source("user")))
                .parameters().stream()
                .anyMatch(p -> Fencing.READ_ONLY_PARAMETER.equals(p.parameterName()) && "on".equalsIgnoreCase(p.parameterValue()));
    }

    /** The owner of an unexpired run lock in any enabled region's table that answered. */
    private static Optional<String> lockHolder(Map<String, Map<String, Map<String, AttributeValue>>> copies, String lockKey, Instant now) {
        for (Map<String, Map<String, AttributeValue>> table : copies.values()) {
            Map<String, AttributeValue> lock = table.get(lockKey);
            if (lock != null && lock.containsKey("expiresAt") && Long.parseLong(lock.get("expiresAt").n()) > now.getEpochSecond()) {
                return Optional.of(lock.containsKey("owner") ? lock.get("owner").s() : "(no owner)");
            }
        }
        return Optional.empty();
    }
}
