package io.salesforcealerts.alerts;

import java.util.List;
import java.util.Map;

/**
 * One rule of alert-rules.yaml. {@code selector} narrows the subjects (licence-type and a name glob,
 * or a limit name glob); {@code forSyncs} is how many consecutive syncs the condition must hold.
 */
public record AlertRule(String id, String description, boolean enabled, Severity severity, Metric metric,
        Map<String, Object> selector, Condition condition, Map<String, Object> params, int forSyncs,
        List<String> channels) {

    /** A whole-number parameter, or the fallback. Validated at load. */
    public int intParam(String name, int fallback) {
        Object v = params.get(name);
        return v instanceof Number n ? n.intValue() : fallback;
    }

    @SuppressWarnings("unchecked")
    public List<String> listParam(String name, List<String> fallback) {
        Object v = params.get(name);
        return v instanceof List<?> l ? (List<String>) l : fallback;
    }
}
