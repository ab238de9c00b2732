package dev.crossfade.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cloudassembly.schema.ArtifactMetadataEntryType;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/** Synthesis finished but left error annotations (unsuppressed cdk-nag findings, CDK errors). */
public final class SynthesisException extends RuntimeException {

    private final transient List<String> errors;

    SynthesisException(List<String> errors) {
        super(errors.size() + " synthesis error(s):\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }

    static void throwIfErrors(CloudAssembly assembly, List<? extends Stack> stacks) {
        List<String> errors = new ArrayList<>();
        for (Stack stack : stacks) {
            CloudFormationStackArtifact artifact = assembly.getStackArtifact(stack.getArtifactId());
            artifact.getMessages().stream()
                    .filter(m -> m.getLevel().name().equals("ERROR"))
                    .forEach(m -> errors.add(stack.getStackName() + " " + m.getId() + ": " + m.getEntry().getData()));
        }
        if (!errors.isEmpty()) {
            throw new SynthesisException(errors);
        }
    }
}
