package io.salesforcealerts.alerts;

import java.util.Locale;

public enum Severity {
    CRITICAL, WARNING, INFO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity byId(String id) {
        for (Severity s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
