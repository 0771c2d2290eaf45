package io.salesforcealerts.alerts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded and validated alert-rules.yaml. */
public record AlertRules(String source, List<AlertRule> rules, Map<String, Channel> channels,
        List<InhibitRule> inhibitions) {

    /** The channel name a rule gets when it names none, and the alias resolved at load. */
    public static final String DEFAULT_CHANNEL = "default";

    public Optional<AlertRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
