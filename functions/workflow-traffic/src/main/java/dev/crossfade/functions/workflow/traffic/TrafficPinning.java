package dev.crossfade.functions.workflow.traffic;

import static dev.crossfade.functions.workflow.traffic.TrafficServices.GLOBAL_ACCELERATOR;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.Timestamps;
import dev.crossfade.functions.workflow.WorkflowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroup;

/**
 * Best-effort control-plane pinning after the data-plane shift: Global Accelerator dials move in
 * stages (target up first, old primary down second), and a dial goes to 0 only while another
 * region still has a positive dial, so the accelerator never ends with zero regions.
 */
public final class TrafficPinning extends StepLogic {

    /** @param dials the final dial per region, as read back */
    public record Result(boolean applied, Map<String, Float> dials, List<String> notes, String startedAt, String endedAt) {}

    public TrafficPinning(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    public Result pin(StepInput input) {
        String startedAt = Timestamps.startOf(input);
        List<String> notes = new ArrayList<>();
        if (config.acceleratorArn().isEmpty()) {
            notes.add("no accelerator configured");
            return new Result(false, Map.of(), notes, startedAt, Timestamps.now());
        }
        GlobalAcceleratorClient ga = clients.get(GLOBAL_ACCELERATOR);
        Map<String, EndpointGroup> groups = groups(ga);
        EndpointGroup target = groups.get(input.to());
        if (target == null) {
            throw new IllegalStateException("accelerator has no endpoint group in " + input.to());
        }
        dial(ga, target, 100f);
        EndpointGroup old = groups.get(input.from());
        Map<String, EndpointGroup> after = groups(ga);
        boolean anotherRegionOn = after.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(input.from()) && e.getValue().trafficDialPercentage() > 0);
        if (old != null && anotherRegionOn) {
            dial(ga, old, 0f);
        } else if (old != null) {
            notes.add("kept " + input.from() + " dialled in: it is the last region with traffic");
        }
        Map<String, Float> dials = groups(ga).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().trafficDialPercentage()));
        return new Result(true, dials, notes, startedAt, Timestamps.now());
    }

    private Map<String, EndpointGroup> groups(GlobalAcceleratorClient ga) {
        String accelerator = config.acceleratorArn().orElseThrow();
        return AwsCalls.call("ListListeners", () -> ga.listListeners(r -> r.acceleratorArn(accelerator))).listeners().stream()
                .flatMap(l -> AwsCalls.call("ListEndpointGroups", () -> ga.listEndpointGroups(r -> r.listenerArn(l.listenerArn())))
                        .endpointGroups().stream())
                .collect(Collectors.toMap(EndpointGroup::endpointGroupRegion, g -> g, (a, b) -> a));
    }

    private static void dial(GlobalAcceleratorClient ga, EndpointGroup group, float percent) {
        AwsCalls.run("UpdateEndpointGroup " + group.endpointGroupRegion(), () -> ga.updateEndpointGroup(r -> r
                .endpointGroupArn(group.endpointGroupArn()).trafficDialPercentage(percent)));
    }
}
