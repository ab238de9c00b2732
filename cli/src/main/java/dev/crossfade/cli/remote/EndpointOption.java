package dev.crossfade.cli.remote;

import dev.crossfade.cli.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --endpoint-url URL} (else env {@code CROSSFADE_AWS_ENDPOINT}): sends every Step Functions
 * call to one endpoint instead of AWS's regional ones, e.g. a moto server in tests.
 */
public final class EndpointOption {

    public static final String ENV = "CROSSFADE_AWS_ENDPOINT";

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call here instead of AWS (an emulator); default: env " + ENV + ", else AWS.")
    String endpointUrl;

    /** The override, if any; a malformed URL is bad input (exit 2). */
    public Optional<URI> endpoint() {
        String value = endpointUrl != null ? endpointUrl : System.getenv(ENV);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String source = endpointUrl != null ? "--endpoint-url" : ENV;
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new BadInputException(source + " '" + value + "' is not an absolute URL like http://127.0.0.1:5000");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new BadInputException(source + " '" + value + "' is not a URL: " + e.getMessage(), e);
        }
    }
}
