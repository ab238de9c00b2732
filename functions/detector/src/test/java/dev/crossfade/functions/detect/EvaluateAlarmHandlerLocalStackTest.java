package dev.crossfade.functions.detect;

import java.net.URI;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** The same handler contract against LocalStack, for whoever has Docker; skipped cleanly without it. */
@Testcontainers(disabledWithoutDocker = true)
class EvaluateAlarmHandlerLocalStackTest extends EvaluateAlarmHandlerContract {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices(Service.DYNAMODB, Service.STEPFUNCTIONS, Service.CLOUDWATCH,
                    LocalStackContainer.EnabledService.named("events"), Service.ROUTE53);

    @Override
    URI endpoint() {
        return LOCALSTACK.getEndpoint();
    }

    /** LocalStack uses a 12-digit access key as the account id, so the sample events' account matches. */
    @Override
    String accessKey() {
        return "123456789012";
    }
}
