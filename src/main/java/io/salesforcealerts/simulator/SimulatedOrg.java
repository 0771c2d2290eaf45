package io.salesforcealerts.simulator;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A deterministic Salesforce org: licences, profiles and a lazily generated user population,
 * plus mutators so tests can change what the next sync sees. Thread-safe.
 */
public final class SimulatedOrg {

    private final Clock clock;
    private final int userCount;
    private final OrgGenerator generator;
    private final SimulatorCredentials credentials = SimulatorCredentials.demo();
    private final Map<String, ObjectTable> tables = new LinkedHashMap<>();
    /** Only mutated users are stored; everyone else is regenerated on demand. */
    private final Map<Integer, SimUser> userOverrides = new ConcurrentHashMap<>();
    private final Set<String> removedObjects = ConcurrentHashMap.newKeySet();
    private final Set<String> deniedObjects = ConcurrentHashMap.newKeySet();
    private final Set<String> hiddenObjects = ConcurrentHashMap.newKeySet();
    private final List<PublicKey> jwtKeys = new CopyOnWriteArrayList<>();
    /** object:id -> field -> raw JSON served instead of the field's value (see {@link #corruptRecord}). */
    private final Map<String, Map<String, String>> corruptions = new ConcurrentHashMap<>();
    private final OrgLimits limits;

    private SimulatedOrg(long seed, int userCount, Clock clock) {
        if (userCount < 0) {
            throw new IllegalArgumentException("userCount must be >= 0");
        }
        this.clock = clock;
        this.userCount = userCount;
        this.generator = new OrgGenerator(seed, clock.instant().truncatedTo(ChronoUnit.SECONDS), credentials.username());
        this.limits = new OrgLimits(clock);
        table(SObjectSchemas.USER_LICENSE, generator.userLicenses(userCount));
        table(SObjectSchemas.PERMISSION_SET_LICENSE, generator.permissionSetLicenses());
        table(SObjectSchemas.PACKAGE_LICENSE, generator.packageLicenses());
        table(SObjectSchemas.PROFILE, generator.profiles());
    }

    public static SimulatedOrg generate(long seed, int userCount) {
        return generate(seed, userCount, Clock.systemUTC());
    }

    /** Dates (last logins, expirations, ...) are relative to {@code clock} at generation time. */
    public static SimulatedOrg generate(long seed, int userCount, Clock clock) {
        return new SimulatedOrg(seed, userCount, clock);
    }

    private void table(SObjectSchema schema, List<MapRecord> rows) {
        ObjectTable t = new ObjectTable();
        rows.forEach(t::add);
        tables.put(schema.name(), t);
    }

    public String orgId() {
        return generator.orgId();
    }

    public SimulatorCredentials credentials() {
        return credentials;
    }

    public Clock clock() {
        return clock;
    }

    /** Id of the integration user the OAuth flows log in as (user index 0). */
    public String integrationUserId() {
        return generator.user(0).id();
    }

    public int userCount() {
        return userCount;
    }

    public SimUser user(int index) {
        Objects.checkIndex(index, userCount);
        SimUser override = userOverrides.get(index);
        return override != null ? override : generator.user(index);
    }

    /**
     * Rows of an object as maps in field order. Fine for the small objects; for "User" it
     * materialises every user, so prefer {@link #user(int)} for big orgs.
     */
    public List<Map<String, Object>> records(String sobject) {
        SObjectSchema schema = SObjectSchemas.find(sobject);
        if (schema == null) {
            throw new IllegalArgumentException("unknown sObject " + sobject);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (schema == SObjectSchemas.USER) {
            for (int i = 0; i < userCount; i++) {
                SimUser u = user(i);
                Map<String, Object> m = new LinkedHashMap<>();
                schema.fields().forEach(f -> m.put(f.name(), u.get(f.name())));
                out.add(m);
            }
        } else {
            tables.get(schema.name()).rows().forEach(r -> out.add(r.values()));
        }
        return out;
    }

    public void setUsedLicenses(String userLicenseName, int used) {
        updateUserLicense(userLicenseName, "UsedLicenses", used);
    }

    public void setTotalLicenses(String userLicenseName, int total) {
        updateUserLicense(userLicenseName, "TotalLicenses", total);
    }

    private void updateUserLicense(String name, String field, int value) {
        Instant now = now();
        boolean found = tables.get("UserLicense").update("Name", name, r -> r.with(field, value)
                .with("UsedLicensesLastUpdated", now).with("LastModifiedDate", now).with("SystemModstamp", now));
        if (!found) {
            throw new IllegalArgumentException("no UserLicense named " + name);
        }
    }

    /** Queries on the object fail with INVALID_TYPE from now on, as if the org lost the feature. */
    public void removeObject(String sobject) {
        removedObjects.add(canonicalName(sobject));
    }

    /** Queries on the object fail with 403 INSUFFICIENT_ACCESS, as if a permission was revoked. */
    /** Queries on the object succeed with no rows (UserLicense without "View Setup and Configuration"). */
    public void hideRecords(String sobject) {
        hiddenObjects.add(canonicalName(sobject));
    }

    /** Undoes {@link #hideRecords}. */
    public void showRecords(String sobject) {
        hiddenObjects.remove(canonicalName(sobject));
    }

    public void denyObject(String sobject) {
        deniedObjects.add(canonicalName(sobject));
    }

    /**
     * Serves {@code rawJsonValue} as-is (not validated, not quoted) for {@code field} of the record with this
     * Id in every query from now on, e.g. {@code "null"}, {@code "\"lots\""}, {@code "1e30"}. A field the query
     * does not select is added to the record as an unexpected field. For tests of bad payloads.
     */
    public void corruptRecord(String sobject, String id, String field, String rawJsonValue) {
        corruptions.computeIfAbsent(canonicalName(sobject) + ":" + id, k -> new ConcurrentHashMap<>())
                .put(field, rawJsonValue);
    }

    /** The corrupted fields of a record, field -> raw JSON; empty for a normal record. */
    Map<String, String> corruptions(String sobject, String id) {
        Map<String, String> c = corruptions.get(canonicalName(sobject) + ":" + id);
        return c == null ? Map.of() : c;
    }

    public void setLimit(String name, long max, long remaining) {
        limits.set(name, max, remaining);
    }

    /** Current value of a /limits entry, or null if the org has no such limit. */
    public OrgLimit limit(String name) {
        return limits.get(name);
    }

    public void deactivateUser(int index) {
        mutateUser(index, u -> u.withActive(false, bumpedModstamp(u)));
    }

    /** Also bumps SystemModstamp so incremental syncs pick the change up. */
    public void setLastLogin(int index, Instant lastLogin) {
        Instant value = lastLogin == null ? null : lastLogin.truncatedTo(ChronoUnit.SECONDS);
        mutateUser(index, u -> u.withLastLogin(value, bumpedModstamp(u)));
    }

    public void touchUser(int index) {
        mutateUser(index, u -> u.withModstamp(bumpedModstamp(u)));
    }

    public void registerJwtCertificate(PublicKey publicKey) {
        jwtKeys.add(Objects.requireNonNull(publicKey));
    }

    List<PublicKey> jwtKeys() {
        return jwtKeys;
    }

    OrgLimits limits() {
        return limits;
    }

    /** Schema of a queryable object, or null when unknown or removed. */
    SObjectSchema schema(String anyCase) {
        SObjectSchema s = SObjectSchemas.find(anyCase);
        return s == null || removedObjects.contains(s.name()) ? null : s;
    }

    boolean isHidden(String canonicalName) {
        return hiddenObjects.contains(canonicalName);
    }

    boolean isDenied(String canonicalName) {
        return deniedObjects.contains(canonicalName);
    }

    List<MapRecord> rows(String canonicalName) {
        return tables.get(canonicalName).rows();
    }

    /** Parent record for a relationship, or null. */
    SObjectRecord lookup(String canonicalName, String id) {
        ObjectTable t = tables.get(canonicalName);
        return t == null || id == null ? null : t.byId(id);
    }

    private void mutateUser(int index, UnaryOperator<SimUser> change) {
        Objects.checkIndex(index, userCount);
        userOverrides.compute(index, (i, old) -> change.apply(old != null ? old : generator.user(i)));
    }

    /** Strictly later than before even with a fixed test clock, so watermark syncs see the change. */
    private Instant bumpedModstamp(SimUser u) {
        Instant now = now();
        Instant next = u.systemModstamp().plusSeconds(1);
        return now.isAfter(next) ? now : next;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String canonicalName(String sobject) {
        SObjectSchema s = SObjectSchemas.find(sobject);
        return s != null ? s.name() : sobject.toLowerCase(Locale.ROOT);
    }
}
