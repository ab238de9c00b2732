package dev.crossfade.functions.workflow.plan;

/**
 * Data plane: the service's running function (metrics, items, events), designed to stay up
 * when its control plane is not. Control plane: creates or changes resources; Route 53's and
 * Global Accelerator's live in one region each (us-east-1, us-west-2).
 */
public enum Plane {
    DATA("data"), CONTROL("control");

    private final String key;

    Plane(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
