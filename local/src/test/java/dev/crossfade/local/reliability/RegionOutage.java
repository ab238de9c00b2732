package dev.crossfade.local.reliability;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * Once {@link #begin} is called, the next {@code calls} AWS calls to one region's endpoints fail
 * as a refused connection would, whatever the service; then the region is back. Calls to other
 * regions pass.
 */
final class RegionOutage implements ExecutionInterceptor {

    private final Region region;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    RegionOutage(String region) {
        this.region = Region.of(region);
    }

    void begin(int calls) {
        remaining.set(calls);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (region.equals(attributes.getAttribute(AwsExecutionAttribute.AWS_REGION)) && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.incrementAndGet();
            throw SdkClientException.create("Unable to execute HTTP request: Connect to " + region + " endpoint failed: Connection refused"
                    + " (injected outage)");
        }
    }

    int refused() {
        return refused.get();
    }
}
