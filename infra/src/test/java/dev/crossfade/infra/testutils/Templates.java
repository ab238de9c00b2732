package dev.crossfade.infra.testutils;

import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Small lookups on synthesized templates that the assertions API leaves to the caller. */
public final class Templates {

    private Templates() {}

    /** The logical id of the only resource of {@code type} whose properties match {@code props}. */
    public static String onlyLogicalId(Template template, String type, Object props) {
        Map<String, Map<String, Object>> found = template.findResources(type, Map.of("Properties", props));
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type + " matching " + props + ", found " + found.keySet());
        }
        return found.keySet().iterator().next();
    }

    public static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", java.util.List.of(logicalId, attribute));
    }

    public static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }
}
