package io.salesforcealerts.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.salesforcealerts.config.InvalidConfigurationException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads alert-rules.yaml and checks every rule; all problems are reported at once, each naming the
 * rule id and the field, as an {@link InvalidConfigurationException} (the runtime exits with 2).
 */
public final class AlertRulesLoader {

    private static final Set<String> TOP_KEYS = Set.of("channels", "rules", "inhibit");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "enabled", "severity", "metric",
            "selector", "condition", "params", "for", "channels");
    private static final Set<String> CHANNEL_KEYS = Set.of("type", "url", "send-resolved");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final UnaryOperator<String> placeholders;
    private final List<String> problems = new ArrayList<>();
    private String source;

    /** {@code placeholders} resolves {@code {{key}}} in channel URLs (Camel's property placeholders). */
    public AlertRulesLoader(UnaryOperator<String> placeholders) {
        this.placeholders = placeholders;
    }

    /** The file at {@code location}, else the copy of that name packaged in the jar. */
    public AlertRules load(String location) {
        Path file = Path.of(location);
        try {
            if (Files.isRegularFile(file)) {
                return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
            try (InputStream in = AlertRulesLoader.class.getClassLoader().getResourceAsStream(location)) {
                if (in != null) {
                    return parse("classpath:" + location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of("alerts.rules-file: " + location + " cannot be read: " + e.getMessage()));
        }
        throw new InvalidConfigurationException(List.of("alerts.rules-file: no file " + file.toAbsolutePath()
                + " (and none packaged under that name)"));
    }

    public AlertRules parse(String source, String yaml) {
        this.source = source;
        problems.clear();
        Object root;
        try (Reader reader = new StringReader(yaml)) {
            root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromReader(reader);
        } catch (YamlEngineException | IOException e) {
            throw new InvalidConfigurationException(List.of(source + ": not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new InvalidConfigurationException(List.of(source + ": must be a mapping with 'channels', 'rules' and 'inhibit'"));
        }
        unknownKeys("", top, TOP_KEYS);
        Map<String, Channel> channels = channels(top.get("channels"));
        List<AlertRule> rules = new ArrayList<>();
        Object rawRules = top.get("rules");
        if (!(rawRules instanceof List<?> list)) {
            problem("rules: must be a list of rules");
        } else {
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                AlertRule rule = rule(i, list.get(i), channels);
                if (list.get(i) instanceof Map<?, ?> raw && raw.get("id") != null
                        && !ids.add(String.valueOf(raw.get("id")))) {
                    problem("rule '" + raw.get("id") + "': id: used by more than one rule");
                }
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        List<InhibitRule> inhibitions = inhibitions(top.get("inhibit"), rules);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(new ArrayList<>(problems));
        }
        return new AlertRules(source, List.copyOf(rules), channels, inhibitions);
    }

    private Map<String, Channel> channels(Object raw) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        if (raw != null && !(raw instanceof Map<?, ?>)) {
            problem("channels: must be a mapping of channel name to {type, url, send-resolved}");
            raw = null;
        }
        Map<?, ?> map = raw == null ? Map.of() : (Map<?, ?>) raw;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            String where = "channel '" + name + "': ";
            if (AlertRules.DEFAULT_CHANNEL.equals(name)) {
                problem(where + "name: 'default' is reserved (the webhook when its URL is set, else the log)");
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> c)) {
                problem(where + "must be a mapping with type and url");
                continue;
            }
            unknownKeys(where, c, CHANNEL_KEYS);
            Channel.Type type = null;
            try {
                type = Channel.Type.valueOf(String.valueOf(c.get("type")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problem(where + "type: must be one of webhook, slack, teams, log (was '" + c.get("type") + "')");
            }
            String url = "";
            if (c.get("url") != null) {
                try {
                    url = placeholders.apply(String.valueOf(c.get("url"))).strip();
                } catch (RuntimeException ex) {
                    problem(where + "url: " + ex.getMessage());
                }
                if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
                    problem(where + "url: must be an http(s) URL (was '" + url + "')");
                }
            } else if (type != null && type != Channel.Type.LOG) {
                problem(where + "url: missing (use a placeholder such as \"{{alerts." + name + ".url}}\")");
            }
            Boolean sendResolved = bool(where + "send-resolved", c.get("send-resolved"), true);
            if (type != null) {
                channels.put(name, new Channel(name, type, url, sendResolved == null || sendResolved));
            }
        }
        channels.putIfAbsent("log", new Channel("log", Channel.Type.LOG, "", true));
        return channels;
    }

    private AlertRule rule(int index, Object raw, Map<String, Channel> channels) {
        if (!(raw instanceof Map<?, ?> r)) {
            problem("rules[" + index + "]: must be a mapping");
            return null;
        }
        Object rawId = r.get("id");
        String id = rawId == null ? null : String.valueOf(rawId);
        String where = "rule '" + (id == null ? "#" + (index + 1) : id) + "': ";
        if (id == null || !ID.matcher(id).matches()) {
            problem(where + "id: " + (id == null ? "missing" : "use lower case letters, digits, '.', '_' and '-' (was '" + id + "')"));
        }
        unknownKeys(where, r, RULE_KEYS);
        String description = r.get("description") == null ? "" : String.valueOf(r.get("description"));
        Boolean enabled = bool(where + "enabled", r.get("enabled"), true);
        Severity severity = Severity.byId(String.valueOf(r.get("severity")));
        if (severity == null) {
            problem(where + "severity: must be one of critical, warning, info (was '" + r.get("severity") + "')");
        }
        Metric metric = Metric.byId(String.valueOf(r.get("metric")));
        if (metric == null) {
            problem(where + "metric: must be one of " + Metric.ids() + " (was '" + r.get("metric") + "')");
        }
        Map<String, Object> selector = map(where + "selector", r.get("selector"));
        Map<String, Object> params = map(where + "params", r.get("params"));
        if (metric != null) {
            selector(where, metric, selector);
            params(where, metric, params);
        }
        Condition condition = Condition.parse(r.get("condition") == null ? null : String.valueOf(r.get("condition")));
        if (condition == null) {
            problem(where + "condition: must be an operator (>, >=, <, <=, ==) and a number, e.g. \">= 90\" (was '"
                    + r.get("condition") + "')");
        }
        int forSyncs = 1;
        Object rawFor = r.get("for");
        if (rawFor != null) {
            if (rawFor instanceof Integer n && n >= 1) {
                forSyncs = n;
            } else {
                problem(where + "for: must be a whole number of consecutive syncs, 1 or more (was '" + rawFor + "')");
            }
        }
        List<String> ruleChannels = new ArrayList<>();
        Object rawChannels = r.get("channels");
        if (rawChannels == null) {
            ruleChannels.add(AlertRules.DEFAULT_CHANNEL);
        } else if (rawChannels instanceof List<?> l && !l.isEmpty()) {
            l.forEach(c -> ruleChannels.add(String.valueOf(c)));
        } else {
            problem(where + "channels: must be a non-empty list of channel names");
        }
        List<String> resolved = new ArrayList<>();
        for (String name : ruleChannels) {
            String actual = AlertRules.DEFAULT_CHANNEL.equals(name) ? defaultChannel(channels) : name;
            Channel channel = channels.get(actual);
            if (channel == null) {
                problem(where + "channels: unknown channel '" + name + "'; defined: default, "
                        + String.join(", ", channels.keySet()));
            } else if (!channel.configured() && !Boolean.FALSE.equals(enabled)) {
                problem(where + "channels: channel '" + name + "' has no URL (set the property its url names)");
            } else if (!resolved.contains(actual)) {
                resolved.add(actual);
            }
        }
        if (id == null || severity == null || metric == null || condition == null || enabled == null) {
            return null;
        }
        return new AlertRule(id, description, enabled, severity, metric, selector, condition, params, forSyncs,
                List.copyOf(resolved));
    }

    private static String defaultChannel(Map<String, Channel> channels) {
        Channel webhook = channels.get("webhook");
        return webhook != null && webhook.configured() ? "webhook" : "log";
    }

    private void selector(String where, Metric metric, Map<String, Object> selector) {
        unknownKeys(where + "selector.", selector, metric.selectorKeys());
        Object type = selector.get("licence-type");
        if (type != null) {
            List<?> types = type instanceof List<?> l ? l : List.of(type);
            for (Object t : types) {
                if (!metric.licenceTypes().contains(String.valueOf(t))) {
                    problem(where + "selector.licence-type: " + metric.id() + " measures "
                            + String.join(", ", metric.licenceTypes()) + " (was '" + t + "')");
                }
            }
        }
        if (metric.scope() == Metric.Scope.LIMIT && !(selector.get("limit") instanceof String)) {
            problem(where + "selector.limit: missing; name the /limits entry, e.g. DailyApiRequests (a * glob is allowed)");
        }
        for (String key : List.of("name", "limit")) {
            if (selector.containsKey(key) && !(selector.get(key) instanceof String)) {
                problem(where + "selector." + key + ": must be a name or a * glob");
            }
        }
    }

    private void params(String where, Metric metric, Map<String, Object> params) {
        Set<String> allowed = switch (metric) {
            case INACTIVE_LICENSED_USERS -> Set.of("days");
            case LICENCE_STATUS_NOT_ACTIVE -> Set.of("active-statuses");
            default -> Set.of();
        };
        unknownKeys(where + "params.", params, allowed);
        if (metric == Metric.INACTIVE_LICENSED_USERS && !(params.get("days") instanceof Integer d && d > 0)) {
            problem(where + "params.days: must be a whole number of days, 1 or more (was '" + params.get("days") + "')");
        }
        if (params.containsKey("active-statuses") && !(params.get("active-statuses") instanceof List<?>)) {
            problem(where + "params.active-statuses: must be a list of statuses, e.g. [Active, Free]");
        }
    }

    private List<InhibitRule> inhibitions(Object raw, List<AlertRule> rules) {
        List<InhibitRule> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof List<?> list)) {
            problem("inhibit: must be a list of {source, target}");
            return out;
        }
        Set<String> ids = new LinkedHashSet<>();
        rules.forEach(r -> ids.add(r.id()));
        for (int i = 0; i < list.size(); i++) {
            String where = "inhibit[" + i + "]: ";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problem(where + "must be a mapping with source and target");
                continue;
            }
            unknownKeys(where, m, Set.of("source", "target"));
            String sourceRule = String.valueOf(m.get("source"));
            String targetRule = String.valueOf(m.get("target"));
            boolean ok = true;
            for (String[] f : new String[][] {{"source", sourceRule}, {"target", targetRule}}) {
                if (!ids.contains(f[1])) {
                    problem(where + f[0] + ": no rule with id '" + f[1] + "'");
                    ok = false;
                }
            }
            if (ok) {
                out.add(new InhibitRule(sourceRule, targetRule));
            }
        }
        return List.copyOf(out);
    }

    private Map<String, Object> map(String field, Object raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            problem(field + ": must be a mapping");
            return out;
        }
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private Boolean bool(String field, Object raw, boolean fallback) {
        if (raw == null) {
            return fallback;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        problem(field + ": must be true or false (was '" + raw + "')");
        return null;
    }

    private void unknownKeys(String where, Map<?, ?> map, Set<String> allowed) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                problem(where + key + ": unknown field" + (allowed.isEmpty() ? "" : "; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    private void problem(String message) {
        problems.add(source + ": " + message);
    }
}
