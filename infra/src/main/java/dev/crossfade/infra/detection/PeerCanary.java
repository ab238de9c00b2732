package dev.crossfade.infra.detection;

import dev.crossfade.infra.constructs.Nag;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.synthetics.Canary;
import software.amazon.awscdk.services.synthetics.Code;
import software.amazon.awscdk.services.synthetics.Runtime;
import software.amazon.awscdk.services.synthetics.Schedule;
import software.amazon.awscdk.services.synthetics.Test;
import software.constructs.Construct;

/**
 * A CloudWatch Synthetics canary in this region that fetches a peer region's health URL every
 * minute. It is how a region's failure is seen without that region (and without us-east-1,
 * where Route 53 health-check metrics live).
 */
final class PeerCanary extends Construct {

    // Plain HTTP(S) GET, no browser: a status outside 2xx, an error or 5 s without answer fails the run.
    private static final String SCRIPT = """
            const http = require('http');
            const https = require('https');
            exports.handler = async () => {
              const url = new URL(process.env.HEALTH_URL);
              const client = url.protocol === 'https:' ? https : http;
              await new Promise((resolve, reject) => {
                const req = client.get(url, { timeout: 5000 }, (res) => {
                  res.resume();
                  if (res.statusCode >= 200 && res.statusCode < 300) { resolve(); } else { reject(new Error('status ' + res.statusCode)); }
                });
                req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
                req.on('error', reject);
              });
            };
            """;

    private final Canary canary;

    PeerCanary(Construct scope, String id, String peer, String healthUrl) {
        super(scope, id);
        canary = Canary.Builder.create(this, "Canary")
                .runtime(Runtime.SYNTHETICS_NODEJS_PUPPETEER_9_1)
                .test(Test.custom(software.amazon.awscdk.services.synthetics.CustomTestOptions.builder()
                        .code(Code.fromInline(SCRIPT)).handler("index.handler").build()))
                .schedule(Schedule.rate(Duration.minutes(1)))
                // sorted: Map.of iterates in an order that changes from one JVM to the next
                .environmentVariables(new java.util.TreeMap<>(java.util.Map.of("HEALTH_URL", healthUrl, "PEER_REGION", peer)))
                .startAfterCreation(true)
                .build();
        Nag.suppress(canary.getArtifactsBucket(), "AwsSolutions-S1", "The canary's own artifacts bucket holds the "
                + "results of a health probe and is written only by the canary; access logging it would need another log bucket.");
        Nag.suppress(canary.getRole(), "AwsSolutions-IAM5", "The Synthetics execution role written by CDK: "
                + "s3:ListAllMyBuckets and cloudwatch:PutMetricData (conditioned on the CloudWatchSynthetics namespace) "
                + "have no resource-level permissions; objects and log groups are limited to this canary's bucket and cwsyn-* groups.");
    }

    Metric successPercent() {
        return canary.metricSuccessPercent(MetricOptions.builder().period(Duration.minutes(1)).statistic("Average").build());
    }
}
