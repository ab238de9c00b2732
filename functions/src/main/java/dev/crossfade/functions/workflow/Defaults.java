package dev.crossfade.functions.workflow;

/** What the no-argument handler constructors use: built once per Lambda instance, at init. */
final class Defaults {

    private static final class Holder {
        static final WorkflowConfig CONFIG = WorkflowConfig.fromEnv();
        static final AwsClients CLIENTS = AwsClients.fromEnv();
    }

    private Defaults() {}

    static WorkflowConfig config() {
        return Holder.CONFIG;
    }

    static AwsClients clients() {
        return Holder.CLIENTS;
    }
}
