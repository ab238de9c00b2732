package dev.crossfade.emulator.testutils;

import dev.crossfade.emulator.MotoServer;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Real AWS SDK v2 clients pointed at a local endpoint. */
public final class Sdk {

    private Sdk() {
    }

    public static SfnClient sfn(MotoServer moto) {
        return configure(SfnClient.builder(), moto.endpoint(), "us-east-1").httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static RdsClient rds(MotoServer moto, String region) {
        return configure(RdsClient.builder(), moto.endpoint(), region).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static Route53Client route53(MotoServer moto) {
        return configure(Route53Client.builder(), moto.endpoint(), "us-east-1").httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static CloudWatchClient cloudWatch(MotoServer moto, String region) {
        return configure(CloudWatchClient.builder(), moto.endpoint(), region).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Global Accelerator's API lives in us-west-2 only; the stand-in answers on moto's port. */
    public static GlobalAcceleratorClient globalAccelerator(MotoServer moto) {
        return configure(GlobalAcceleratorClient.builder(), moto.endpoint(), "us-west-2").httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint, String region) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }
}
