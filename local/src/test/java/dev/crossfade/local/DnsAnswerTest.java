package dev.crossfade.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.local.testutils.Seed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DNS answer evaluated from moto's records and its health checks, which probe real loopback servers. */
@ExtendWith(MotoExtension.class)
class DnsAnswerTest {

    private static final URI REFUSED = URI.create("http://127.0.0.1:9/health");
    private HttpServer healthy;
    private MotoServer moto;

    @BeforeEach
    void start(MotoServer moto) throws IOException {
        this.moto = moto;
        moto.reset();
        healthy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        healthy.createContext("/health", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        healthy.start();
    }

    @AfterEach
    void stop() {
        healthy.stop(0);
    }

    @Test
    void primaryHealthyAndRoutedIn_shouldBeTheFailoverAnswer() {
        assertEquals(List.of("us-east-1"), answer(Map.of("us-east-1", up(), "eu-west-1", up()), Set.of("us-east-1", "eu-west-1")));
    }

    @Test
    void primaryNotAnswering_shouldFailOverToTheSecondary() {
        assertEquals(List.of("eu-west-1"), answer(Map.of("us-east-1", REFUSED, "eu-west-1", up()), Set.of("us-east-1", "eu-west-1")));
    }

    @Test
    void primaryRoutingControlOff_shouldFailOverToTheSecondary() {
        assertEquals(List.of("eu-west-1"), answer(Map.of("us-east-1", up(), "eu-west-1", up()), Set.of("eu-west-1")));
    }

    @Test
    void bothUnhealthy_shouldAnswerThePrimaryAsRoute53Does() {
        assertEquals(List.of("us-east-1"), answer(Map.of("us-east-1", REFUSED, "eu-west-1", REFUSED), Set.of("us-east-1", "eu-west-1")));
    }

    private URI up() {
        return URI.create("http://127.0.0.1:" + healthy.getAddress().getPort() + "/health");
    }

    private List<String> answer(Map<String, URI> endpoints, Set<String> routedIn) {
        try (EmulatedDns dns = EmulatedDns.create(moto.endpoint(), Seed.topology(), endpoints)) {
            return new DnsAnswer(dns.route53(), dns.zoneId(), routedIn::contains).regions("api.example.com");
        }
    }
}
