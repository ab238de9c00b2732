package dev.crossfade.functions.workflow;

import dev.crossfade.functions.aws.AwsClients;

/** What the no-argument handler constructors use: built once per Lambda instance, at init. */
public final class Defaults {

    private static final class Holder {
        static final WorkflowConfig CONFIG = WorkflowConfig.fromEnv();
        static final AwsClients CLIENTS = AwsClients.fromEnv();
    }

    private Defaults() {}

    public static WorkflowConfig config() {
        return Holder.CONFIG;
    }

    public static AwsClients clients() {
        return Holder.CLIENTS;
    }
}
