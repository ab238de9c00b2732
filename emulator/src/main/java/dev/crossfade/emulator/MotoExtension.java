package dev.crossfade.emulator;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one moto server per test run (started on first use, stopped when the run
 * ends), reset before each test class. Inject it as a {@link MotoServer} parameter.
 *
 * <p>A missing moto fails the test; it is never a skip, so CI cannot pass without the emulator.
 */
public final class MotoExtension implements ParameterResolver, org.junit.jupiter.api.extension.BeforeAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MotoExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static MotoServer server(ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent("moto", key -> new Closing(MotoServer.start()), Closing.class).server;
    }

    /** Stops the server when the root store closes at the end of the run. */
    private record Closing(MotoServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }
}
