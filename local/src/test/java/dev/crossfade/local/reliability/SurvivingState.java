package dev.crossfade.local.reliability;

import static dev.crossfade.functions.workflow.capacity.CapacityServices.ECS;
import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;
import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;

import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.topology.Topology.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.Parameter;

/**
 * What an emulator restart wipes but AWS would have kept: the resources' state a run can change
 * (replica promoted and its promotion tags, read-only fence, routing controls, desired counts, health alarms, the state
 * tables with the lock and run records). Read before the restart, written into the application
 * deployed afresh after it. Not carried: accelerator dials (PinTraffic's) and Aurora's global writer.
 */
record SurvivingState(Map<String, Region> regions) {

    record Region(boolean standaloneDb, Map<String, String> dbTags, String readOnly, Optional<Double> routing, int desiredCount, boolean healthy,
                  List<Map<String, AttributeValue>> items) {}

    static SurvivingState capture(EmulatedApplication app) {
        if (app.engine() != Engine.RDS_POSTGRES) {
            throw new IllegalArgumentException("SurvivingState carries rds-postgres only, not " + app.engine());
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        for (String r : app.regions()) {
            boolean healthy = app.clients().get(CLOUDWATCH, r).describeAlarms(a -> a.alarmNames(app.names().healthAlarm(r)))
                    .metricAlarms().getFirst().stateValue() == StateValue.OK;
            String arn = app.db(r).dbInstanceArn();
            Map<String, String> tags = new LinkedHashMap<>();
            app.clients().get(RDS, r).listTagsForResource(t -> t.resourceName(arn)).tagList().forEach(t -> tags.put(t.key(), t.value()));
            regions.put(r, new Region(app.db(r).readReplicaSourceDBInstanceIdentifier() == null, tags,
                    app.parameter(r, EmulatedApplication.READ_ONLY_PARAMETER), app.routing().read(r), app.desiredCount(r), healthy,
                    app.clients().get(DYNAMODB, r).scan(s -> s.tableName(app.names().stateTable()).consistentRead(true)).items()));
        }
        return new SurvivingState(regions);
    }

    /** Writes this state into {@code app}, freshly deployed from the same topology. */
    void restore(EmulatedApplication app) {
        regions.forEach((r, state) -> {
            if (!state.dbTags().isEmpty()) {
                // the promotion tags (WriterLineage) live on the instance, which AWS would have kept
                app.clients().get(RDS, r).addTagsToResource(t -> t.resourceName(app.db(r).dbInstanceArn()).tags(state.dbTags().entrySet().stream()
                        .map(e -> software.amazon.awssdk.services.rds.model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
            }
            if (state.standaloneDb() && app.db(r).readReplicaSourceDBInstanceIdentifier() != null) {
                app.clients().get(RDS, r).promoteReadReplica(p -> p.dbInstanceIdentifier(app.names().dbInstance(r)));
            }
            if (state.readOnly() != null) {
                app.clients().get(RDS, r).modifyDBParameterGroup(m -> m.dbParameterGroupName(app.names().parameterGroup(r))
                        .parameters(Parameter.builder().parameterName(EmulatedApplication.READ_ONLY_PARAMETER)
                                .parameterValue(state.readOnly()).applyMethod(ApplyMethod.IMMEDIATE).build()));
            }
            state.routing().ifPresent(v -> app.routing().set(r, v > 0));
            app.clients().get(ECS, r).updateService(u -> u.cluster(app.names().ecsCluster(r)).service(app.names().ecsService(r))
                    .desiredCount(state.desiredCount()));
            app.setHealthy(r, state.healthy());
            state.items().forEach(item -> app.clients().get(DYNAMODB, r).putItem(p -> p.tableName(app.names().stateTable()).item(item)));
        });
    }
}
