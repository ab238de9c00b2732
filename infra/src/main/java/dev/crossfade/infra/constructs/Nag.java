package dev.crossfade.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, each with its reason. Every one of them is listed and explained in
 * {@code docs/cdk-nag.md}; a test keeps the two in step.
 */
public final class Nag {

    private Nag() {}

    /** Suppresses {@code rule} on the construct's own CloudFormation resource only, not its children. */
    public static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(resourceOf(construct),
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), false);
    }

    /** Suppresses only the listed findings of {@code rule}, e.g. {@code Resource::*}. */
    public static void suppress(IConstruct construct, String rule, String reason, List<String> appliesTo) {
        NagSuppressions.addResourceSuppressions(resourceOf(construct),
                List.of(NagPackSuppression.builder().id(rule).reason(reason).appliesTo(List.copyOf(appliesTo)).build()), false);
    }

    /** Suppresses only the findings of {@code rule} whose "applies to" matches one of the regular expressions ({@code /pattern/}, as cdk-nag reads them). */
    public static void suppressMatching(IConstruct construct, String rule, String reason, List<String> regexes) {
        NagSuppressions.addResourceSuppressions(resourceOf(construct), List.of(NagPackSuppression.builder().id(rule)
                .reason(reason).appliesTo(regexes.stream().map(r -> (Object) RegexAppliesTo.builder().regex(r).build()).toList())
                .build()), false);
    }

    private static IConstruct resourceOf(IConstruct construct) {
        IConstruct resource = construct.getNode().getDefaultChild();
        return resource != null ? resource : construct;
    }
}
