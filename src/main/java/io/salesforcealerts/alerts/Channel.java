package io.salesforcealerts.alerts;

/** A named notification target of alert-rules.yaml; {@code url} is empty for the log and for unconfigured channels. */
public record Channel(String name, Type type, String url, boolean sendResolved) {

    public enum Type { WEBHOOK, SLACK, TEAMS, LOG }

    public boolean configured() {
        return type == Type.LOG || (url != null && !url.isBlank());
    }
}
