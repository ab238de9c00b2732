package dev.crossfade.infra.testutils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Walks synthesized templates for the security checks that matchers cannot express. */
public final class TemplateScan {

    /** An IAM statement found in a template: where, and what it allows. */
    public record Statement(String stack, String resource, String type, Object actions, Object resources) {}

    private TemplateScan() {}

    /** MasterUserPassword values that are plain strings rather than dynamic references or intrinsics. */
    @SuppressWarnings("unchecked")
    public static List<String> literalPasswords(String stack, Map<String, Object> template) {
        List<String> found = new ArrayList<>();
        resources(template).forEach((id, r) -> {
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) r).getOrDefault("Properties", Map.of());
            for (String key : List.of("MasterUserPassword", "Password")) {
                Object value = props.get(key);
                if (value instanceof String s && !s.startsWith("{{resolve:secretsmanager:")) {
                    found.add(stack + "/" + id + "." + key);
                }
                if (value instanceof Map<?, ?> m && m.containsKey("Fn::Join")
                        && !String.valueOf(m).contains("{{resolve:secretsmanager:")) {
                    found.add(stack + "/" + id + "." + key + " (joined without a secret reference)");
                }
            }
        });
        return found;
    }

    /** Every policy statement (IAM, resource or key policy) with Allow and a Resource of exactly "*". */
    @SuppressWarnings("unchecked")
    public static List<Statement> wildcardStatements(String stack, Map<String, Object> template) {
        List<Statement> found = new ArrayList<>();
        resources(template).forEach((id, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            Map<String, Object> props = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
            List<Object> documents = new ArrayList<>();
            for (String key : List.of("PolicyDocument", "KeyPolicy")) {
                if (props.get(key) != null) {
                    documents.add(props.get(key));
                }
            }
            if (props.get("Policies") instanceof List<?> policies) {
                policies.forEach(p -> documents.add(((Map<String, Object>) p).get("PolicyDocument")));
            }
            for (Object doc : documents) {
                Object statements = ((Map<String, Object>) doc).get("Statement");
                for (Object s : statements instanceof List<?> l ? l : List.of(statements)) {
                    Map<String, Object> st = (Map<String, Object>) s;
                    Object res = st.get("Resource");
                    boolean star = "*".equals(res) || (res instanceof List<?> list && list.contains("*"));
                    if (star && "Allow".equals(st.get("Effect"))) {
                        found.add(new Statement(stack, id, String.valueOf(resource.get("Type")), st.get("Action"), res));
                    }
                }
            }
        });
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(Map<String, Object> template) {
        return (Map<String, Object>) template.getOrDefault("Resources", Map.of());
    }
}
