package dev.crossfade.functions.aws;

/**
 * A function's logic that calls AWS: what it works with are the function's AWS clients and its
 * configuration ({@code C}: the workflow's or the detector's), both given by the handler that
 * builds it, and read by the subclass as {@link #clients} and {@link #config}.
 */
public abstract class AwsLogic<C> {

    protected final AwsClients clients;
    protected final C config;

    protected AwsLogic(AwsClients clients, C config) {
        this.clients = clients;
        this.config = config;
    }
}
