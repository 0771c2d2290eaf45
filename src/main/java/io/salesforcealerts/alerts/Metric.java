package io.salesforcealerts.alerts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a rule measures, and per what subject. Names are the {@code metric} values of alert-rules.yaml. */
public enum Metric {
    /** used / total in percent, per licence (licences with a total of 0 or -1 are not measured). */
    LICENCE_UTILISATION("licence-utilisation", Scope.LICENCE, "%"),
    /** total - used seats, per licence. */
    LICENCE_AVAILABLE("licence-available", Scope.LICENCE, "seats"),
    /** used - total seats (positive when over-allocated), per licence. */
    LICENCE_OVER_ALLOCATION("licence-over-allocation", Scope.LICENCE, "seats"),
    /** days until ExpirationDate, per PermissionSetLicense or PackageLicense that has one. */
    LICENCE_DAYS_TO_EXPIRY("licence-days-to-expiry", Scope.LICENCE, "days"),
    /** 1 when the licence status is not one of params.active-statuses (default Active), else 0. */
    LICENCE_STATUS_NOT_ACTIVE("licence-status-not-active", Scope.LICENCE, ""),
    /** active users of a user licence whose last login is older than params.days, or who never logged in. */
    INACTIVE_LICENSED_USERS("inactive-licensed-users", Scope.USER_LICENCE, "users"),
    /** remaining / max in percent, per /limits entry. */
    LIMIT_REMAINING("limit-remaining", Scope.LIMIT, "%"),
    /** failed syncs in a row since the last successful one, for the org. */
    SYNC_CONSECUTIVE_FAILURES("sync-consecutive-failures", Scope.ORG, "syncs"),
    /** hours since the last successful fetch, for the org. */
    SYNC_HOURS_SINCE_SUCCESS("sync-hours-since-success", Scope.ORG, "h");

    public enum Scope { LICENCE, USER_LICENCE, LIMIT, ORG }

    public static final List<String> LICENCE_TYPES = List.of("UserLicense", "PermissionSetLicense", "PackageLicense");

    private final String id;
    private final Scope scope;
    private final String unit;

    Metric(String id, Scope scope, String unit) {
        this.id = id;
        this.scope = scope;
        this.unit = unit;
    }

    public String id() {
        return id;
    }

    public Scope scope() {
        return scope;
    }

    public String unit() {
        return unit;
    }

    /** Sync-health metrics are measured after every sync; the others only after a successful one. */
    public boolean isSyncHealth() {
        return scope == Scope.ORG;
    }

    /** Selector keys this metric accepts. */
    public Set<String> selectorKeys() {
        return switch (scope) {
            case LICENCE -> Set.of("licence-type", "name");
            case USER_LICENCE -> Set.of("name");
            case LIMIT -> Set.of("limit");
            case ORG -> Set.of();
        };
    }

    /** Licence types this metric can measure. */
    public List<String> licenceTypes() {
        return this == LICENCE_DAYS_TO_EXPIRY ? List.of("PermissionSetLicense", "PackageLicense") : LICENCE_TYPES;
    }

    public static Metric byId(String id) {
        for (Metric m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        return null;
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Metric::id).toList());
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
