package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.NotCurrentReplicaException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.WorkflowConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * Who may be promoted. Only a database that follows the current writer (the run's {@code from}):
 * rds-postgres, a read replica whose source is the {@code from} region's instance; Aurora, a
 * member of the global cluster whose writer is the {@code from} region's cluster. "Already
 * promoted" (a rerun after a partial run) counts only when the target was promoted <em>from this
 * writer for this incident</em>: before {@code PromoteReadReplica} the target is tagged with its
 * source and the incident, because a promoted instance no longer names its source. A standalone
 * instance without those tags (an old, fenced primary) or a replica of another source (a replica
 * left behind by an earlier failover) is refused with {@link NotCurrentReplicaException}.
 */
public final class WriterLineage extends StepLogic {

    public static final String PROMOTED_FROM_TAG = "crossfade:promoted-from";
    public static final String PROMOTED_FOR_TAG = "crossfade:promoted-for";

    /** How the target stands: a replica of the writer, or already promoted from it by this incident. */
    public enum Standing { REPLICA_OF_WRITER, PROMOTED_FROM_WRITER }

    public WriterLineage(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    /** The target's standing; throws {@link NotCurrentReplicaException} when it may not be promoted by this run. */
    public Standing require(StepInput input, DBInstance target) {
        String from = input.from();
        String writerArn = instanceArn(from, target);
        String source = target.readReplicaSourceDBInstanceIdentifier();
        if (source != null) {
            if (sameInstance(source, writerArn)) {
                return Standing.REPLICA_OF_WRITER;
            }
            throw new NotCurrentReplicaException("target database " + target.dbInstanceIdentifier() + " in " + input.to()
                    + " replicates from " + source + ", not from the current writer " + writerArn + " in " + from
                    + ": it lacks every write made since it stopped following the writer; rebuild it from the writer"
                    + " (failback, or the replica rebuild after a failover) before failing over to it");
        }
        Map<String, String> tags = tags(input.to(), target.dbInstanceArn());
        if (sameInstance(tags.getOrDefault(PROMOTED_FROM_TAG, ""), writerArn)
                && String.valueOf(input.incidentId()).equals(tags.get(PROMOTED_FOR_TAG))) {
            return Standing.PROMOTED_FROM_WRITER;
        }
        throw new NotCurrentReplicaException("target database " + target.dbInstanceIdentifier() + " in " + input.to()
                + " is a standalone instance, not a replica of the current writer " + writerArn + " in " + from
                + (tags.containsKey(PROMOTED_FROM_TAG)
                        ? " (promoted from " + tags.get(PROMOTED_FROM_TAG) + " for incident " + tags.get(PROMOTED_FOR_TAG) + ")"
                        : " (an old primary, or a database outside this workflow)")
                + ": a plain failover to it would serve stale data; return to it with failback, which rebuilds replication");
    }

    /** Aurora: the writer must be {@code from}'s cluster, or already the target (a rerun). */
    public Standing require(StepInput input, GlobalCluster global) {
        String writer = Promotion.writer(global).orElse(null);
        String target = config.region(input.to()).dbClusterArn();
        if (target.equals(writer)) {
            return Standing.PROMOTED_FROM_WRITER;
        }
        String expected = config.region(input.from()).dbClusterArn();
        if (!expected.equals(writer)) {
            throw new NotCurrentReplicaException("the writer of global cluster " + config.globalClusterId() + " is "
                    + (writer == null ? "none" : writer) + ", not " + input.from() + "'s " + expected
                    + ": this run's input is stale; fail over from the current writer's region");
        }
        return Standing.REPLICA_OF_WRITER;
    }

    /** The tags that make a promotion recognisable afterwards. */
    public static List<Tag> promotionTags(String sourceArn, String incidentId) {
        return List.of(Tag.builder().key(PROMOTED_FROM_TAG).value(sourceArn).build(),
                Tag.builder().key(PROMOTED_FOR_TAG).value(String.valueOf(incidentId)).build());
    }

    public Map<String, String> tags(String region, String arn) {
        return AwsCalls.call("ListTagsForResource " + arn, () -> clients.get(RDS, region).listTagsForResource(r -> r.resourceName(arn)))
                .tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    /**
     * The writer's instance ARN, built from the configuration (its region may be down): same
     * partition and account as the target.
     */
    String instanceArn(String region, DBInstance target) {
        String[] parts = Optional.ofNullable(target.dbInstanceArn()).orElse("arn:aws:rds:" + region + "::db:x").split(":");
        return "arn:" + parts[1] + ":rds:" + region + ":" + parts[4] + ":db:" + config.region(region).dbInstanceId();
    }

    /** A replica's source is named by ARN across regions, by identifier within one. */
    static boolean sameInstance(String source, String arn) {
        if (source.equals(arn)) {
            return true;
        }
        String[] a = arn.split(":");
        return !source.startsWith("arn:") && a.length >= 7 && source.equals(a[6]);
    }
}
