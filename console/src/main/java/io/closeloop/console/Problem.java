package io.closeloop.console;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's refusal (problem+json) as a page shows it: each field's reasons beside the field, the rest at the top.
 * Field names are the services' own ({@code answers.escalation-thresholds}, {@code controlFailures[0].owner}).
 */
@TemplateData
public record Problem(int status, String detail, Map<String, List<String>> fields) {

    public static final Problem NONE = new Problem(0, null, Map.of());

    @SuppressWarnings("unchecked")
    static Problem of(int status, Object body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String detail = null;
        if (body instanceof Map<?, ?> map) {
            detail = map.get("detail") instanceof String d ? d : (String) map.get("title");
            if (map.get("errors") instanceof List<?> errors) {
                for (Object error : errors) {
                    if (error instanceof Map<?, ?> e && e.get("field") != null) {
                        fields.computeIfAbsent(fieldName(String.valueOf(e.get("field"))), f -> new ArrayList<>())
                                .add(String.valueOf(e.get("message")));
                    }
                }
            }
        }
        if (detail == null) {
            detail = "The service answered " + status + ".";
        }
        return new Problem(status, detail, fields);
    }

    /** Bean validation names the parameter path ({@code start.request.summary}); the page knows the body field. */
    static String fieldName(String field) {
        int request = field.indexOf(".request.");
        return request >= 0 ? field.substring(request + ".request.".length()) : field;
    }

    public boolean present() {
        return status != 0;
    }

    /** The reasons given for one field, joined; null when the field is fine. */
    public String on(String field) {
        List<String> reasons = fields.get(field);
        return reasons == null ? null : String.join("; ", reasons);
    }

    /** True when the field, or anything under it, has a reason. */
    public boolean has(String field) {
        return fields.keySet().stream().anyMatch(f -> f.equals(field) || f.startsWith(field + ".")
                || f.startsWith(field + "["));
    }
}
