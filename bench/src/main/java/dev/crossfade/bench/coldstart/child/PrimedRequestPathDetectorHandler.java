package dev.crossfade.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.crossfade.functions.detect.EvaluateAlarmHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The lever "fewer classes on the first event" by priming (issue 17), measured, not deployed: the
 * detector as its Lambda constructor builds it, then, still in init, the first event's kinds of
 * SDK call (GetItem, a conditional PutItem, StartExecution, PutEvents) made once on throwaway
 * clients that answer from memory: fake credentials, an HTTP client that returns {@code {}}, so
 * no network and no real credentials before a snapshot. It moves the SDK's request path
 * (marshalling, endpoint rules, signing, the pipeline, unmarshalling) out of the first event;
 * the detector's own clients, its credential chain and the url-connection transport still load
 * there. Runs from the detector jar; only this class comes from the launcher jar.
 */
public final class PrimedRequestPathDetectorHandler implements RequestStreamHandler {

    private final EvaluateAlarmHandler detector = new EvaluateAlarmHandler();

    public PrimedRequestPathDetectorHandler() {
        prime(Region.of(Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1")));
    }

    static void prime(Region region) {
        SdkHttpClient memory = new AnswersEmptyJson();
        StaticCredentialsProvider fake = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
        URI nowhere = URI.create("http://priming.invalid");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().region(region).credentialsProvider(fake).httpClient(memory).endpointOverride(nowhere).build();
             SfnClient sfn = SfnClient.builder().region(region).credentialsProvider(fake).httpClient(memory).endpointOverride(nowhere).build();
             EventBridgeClient events = EventBridgeClient.builder().region(region).credentialsProvider(fake).httpClient(memory).endpointOverride(nowhere).build()) {
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("priming"), "sk", AttributeValue.fromS("priming"));
            dynamo.getItem(b -> b.tableName("priming").key(key).consistentRead(true));
            dynamo.putItem(b -> b.tableName("priming").item(Map.of("pk", AttributeValue.fromS("p"), "version", AttributeValue.fromN("1")))
                    .conditionExpression("version = :expected").expressionAttributeValues(Map.of(":expected", AttributeValue.fromN("0"))));
            sfn.startExecution(b -> b.stateMachineArn("arn:aws:states:" + region.id() + ":123456789012:stateMachine:priming").name("priming").input("{}"));
            events.putEvents(b -> b.entries(e -> e.source("priming").detailType("priming").detail("{}").eventBusName("default")));
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        detector.handleRequest(input, output, context);
    }

    /** An HTTP client that answers every request 200 with an empty JSON object, from memory. */
    private static final class AnswersEmptyJson implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/x-amz-json-1.0").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }
}
