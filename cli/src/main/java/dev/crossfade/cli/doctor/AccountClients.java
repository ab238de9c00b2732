package dev.crossfade.cli.doctor;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Read-only clients for the doctor, all on one HTTP client; an endpoint override sends every call to an emulator. */
final class AccountClients implements AutoCloseable {

    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build();
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpoint;

    AccountClients(AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    StsClient sts() { return build(StsClient.builder(), "us-east-1"); }
    CloudFormationClient cloudFormation(String region) { return build(CloudFormationClient.builder(), region); }
    Route53Client route53() { return build(Route53Client.builder(), "us-east-1"); }
    RdsClient rds(String region) { return build(RdsClient.builder(), region); }
    Ec2Client ec2(String region) { return build(Ec2Client.builder(), region); }
    ServiceQuotasClient quotas(String region) { return build(ServiceQuotasClient.builder(), region); }
    AcmClient acm(String region) { return build(AcmClient.builder(), region); }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String region) {
        builder.region(Region.of(region)).credentialsProvider(credentials).httpClient(http);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void close() {
        http.close();
    }
}
