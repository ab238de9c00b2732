package dev.crossfade.functions.workflow.plan;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The workflow's {@code mode} input. */
public enum WorkflowMode {
    FAILOVER("failover"), SWITCHOVER("switchover"), FAILBACK("failback"), DRY_RUN("dry-run");

    private final String key;

    WorkflowMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Planned modes lose no data: the old primary is reachable and drained before promotion. */
    public boolean planned() {
        return this == SWITCHOVER || this == FAILBACK;
    }

    public static WorkflowMode of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst()
                .orElseThrow(() -> new PlanInputException("mode '" + key + "' is not one of "
                        + Arrays.stream(values()).map(WorkflowMode::key).collect(Collectors.joining(", "))));
    }
}
