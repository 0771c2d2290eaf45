package io.salesforcealerts.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic content of a simulated org. Users come from {@link #user(int)}, a pure function
 * of seed and index, so any user can be regenerated instead of stored.
 */
final class OrgGenerator {

    private static final long DAY = Duration.ofDays(1).getSeconds();
    private static final String[] FIRST_NAMES = {
        "Aisha", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam",
        "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Ximena",
        "Yusuf", "Zoe", "Anna", "Marco", "Priya", "Tom"};
    private static final String[] LAST_NAMES = {
        "Adams", "Becker", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski",
        "Lopez", "Meyer", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga",
        "Walker", "Xu", "Yilmaz", "Zimmermann", "Novak", "Silva", "Moreau", "Khan", "Berg"};

    /** Licence slots; users are assigned by profile, UsedLicenses is counted from active users. */
    private enum License {
        SALESFORCE("Salesforce", "SFDC", "Active"),
        PLATFORM("Salesforce Platform", "AUL", "Active"),
        CHATTER_FREE("Chatter Free", "PID_Chatter", "Active"),
        CUSTOMER_COMMUNITY("Customer Community", "PID_Customer_Community", "Active"),
        CUSTOMER_COMMUNITY_LOGIN("Customer Community Login", "PID_Customer_Community_Login", "Active"),
        PARTNER_COMMUNITY("Partner Community", "PID_Partner_Community", "Active"),
        IDENTITY("Identity", "PID_Identity", "Active"),
        FORCE_COM_FREE("Force.com - Free", "PID_FDC_FREE", "Disabled");

        final String label;
        final String key;
        final String status;

        License(String label, String key, String status) {
            this.label = label;
            this.key = key;
            this.status = status;
        }
    }

    private record ProfileDef(String name, License license, String userType) {
    }

    private static final List<ProfileDef> PROFILES = List.of(
            new ProfileDef("System Administrator", License.SALESFORCE, "Standard"),
            new ProfileDef("Standard User", License.SALESFORCE, "Standard"),
            new ProfileDef("Sales Manager", License.SALESFORCE, "Standard"),
            new ProfileDef("Standard Platform User", License.PLATFORM, "Standard"),
            new ProfileDef("Chatter Free User", License.CHATTER_FREE, "CsnOnly"),
            new ProfileDef("Customer Community User", License.CUSTOMER_COMMUNITY, "CspLitePortal"),
            new ProfileDef("Customer Community Login User", License.CUSTOMER_COMMUNITY_LOGIN, "CspLitePortal"),
            new ProfileDef("Partner Community User", License.PARTNER_COMMUNITY, "PowerPartner"),
            new ProfileDef("Identity User", License.IDENTITY, "Standard"));
    private static final int ADMIN = 0;
    private static final int STANDARD = 1;
    private static final int SALES_MANAGER = 2;
    private static final int PLATFORM = 3;
    private static final int CHATTER = 4;
    private static final int CUSTOMER = 5;
    private static final int PARTNER = 7;

    private final long seed;
    private final Instant now;
    private final long idBase;
    private final String domain;
    private final String integrationUsername;
    private final String[] profileIds = new String[PROFILES.size()];

    OrgGenerator(long seed, Instant now, String integrationUsername) {
        this.seed = seed;
        this.now = now;
        this.idBase = Math.floorMod(seed, 100_000L) * 10_000_000L + 1_000L;
        this.domain = "simorg-" + Long.toUnsignedString(seed, 36) + ".example.com";
        this.integrationUsername = integrationUsername;
        for (int i = 0; i < profileIds.length; i++) {
            profileIds[i] = SalesforceIds.id("00e", idBase + i);
        }
    }

    String orgId() {
        return SalesforceIds.id("00D", idBase);
    }

    /** The user with this index; index 0 is the API integration user. */
    SimUser user(int index) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int profile = profileFor(index, rnd.nextDouble());
        boolean active = index < 5 || rnd.nextDouble() >= 0.08;
        Instant lastLogin = lastLogin(index, active, rnd);
        long createdBeforeLogin = DAY + rnd.nextLong(5 * 365 * DAY);
        Instant created = (lastLogin != null ? lastLogin : now).minusSeconds(createdBeforeLogin);
        Instant modstamp = created.plusSeconds(rnd.nextLong(Duration.between(created, now).getSeconds() + 1));
        String first;
        String last;
        String username;
        if (index == 0) {
            first = "Integration";
            last = "User";
            username = integrationUsername;
        } else {
            first = FIRST_NAMES[rnd.nextInt(FIRST_NAMES.length)];
            last = LAST_NAMES[rnd.nextInt(LAST_NAMES.length)];
            username = (first + "." + last).toLowerCase(Locale.ROOT) + index + "@" + domain;
        }
        ProfileDef def = PROFILES.get(profile);
        return new SimUser(index, SalesforceIds.id("005", idBase + index), username, first, last,
                username, active, def.userType(), lastLogin, profileIds[profile], def.name(), def.license().label,
                created, modstamp);
    }

    private static int profileFor(int index, double r) {
        switch (index) {
            case 0: return ADMIN;
            // the first few users guarantee every populated licence has someone even in tiny orgs
            case 1: return PARTNER;
            case 2: return CHATTER;
            case 3: return PLATFORM;
            case 4: return CUSTOMER;
            default:
                if (r < 0.02) {
                    return ADMIN;
                } else if (r < 0.45) {
                    return STANDARD;
                } else if (r < 0.55) {
                    return SALES_MANAGER;
                } else if (r < 0.70) {
                    return PLATFORM;
                } else if (r < 0.85) {
                    return CHATTER;
                } else if (r < 0.95) {
                    return CUSTOMER;
                }
                return PARTNER;
        }
    }

    /** Most active users logged in this week, some 30-90 days ago, ~10% over 90 days, ~5% never. */
    private Instant lastLogin(int index, boolean active, SplittableRandom rnd) {
        if (index == 0) {
            return now.minusSeconds(300);
        }
        double r = rnd.nextDouble();
        long ageSeconds;
        if (!active) {
            // deactivated people mostly stopped logging in long ago
            if (r < 0.10) {
                return null;
            }
            ageSeconds = 30 * DAY + rnd.nextLong(700 * DAY);
        } else if (r < 0.05) {
            return null;
        } else if (r < 0.15) {
            ageSeconds = 91 * DAY + rnd.nextLong(640 * DAY);
        } else if (r < 0.30) {
            ageSeconds = 30 * DAY + rnd.nextLong(60 * DAY);
        } else if (r < 0.35) {
            ageSeconds = 8 * DAY + rnd.nextLong(21 * DAY);
        } else {
            ageSeconds = rnd.nextLong(7 * DAY);
        }
        return now.minusSeconds(ageSeconds);
    }

    /** UserLicense rows; UsedLicenses counts the active users generated for each licence. */
    List<MapRecord> userLicenses(int userCount) {
        int[] used = new int[License.values().length];
        for (int i = 0; i < userCount; i++) {
            SimUser u = user(i);
            if (u.isActive()) {
                used[licenseOf(u.profileId()).ordinal()]++;
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<MapRecord> rows = new ArrayList<>();
        for (License l : License.values()) {
            int u = used[l.ordinal()];
            int total = switch (l) {
                case SALESFORCE -> ceilDiv(u, 0.93 + rnd.nextDouble() * 0.03);
                case PLATFORM -> ceilDiv(u, 0.55 + rnd.nextDouble() * 0.10);
                case CHATTER_FREE -> Math.max(5000, ceilDiv(u, 0.40));
                case CUSTOMER_COMMUNITY -> ceilDiv(u, 0.75 + rnd.nextDouble() * 0.10);
                case CUSTOMER_COMMUNITY_LOGIN -> 500;
                // over-allocated on purpose: Salesforce lets UsedLicenses exceed TotalLicenses
                case PARTNER_COMMUNITY -> Math.max(0, u - Math.max(1, u / 10));
                case IDENTITY, FORCE_COM_FREE -> 0;
            };
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("Id", SalesforceIds.id("100", idBase + l.ordinal()));
            v.put("Name", l.label);
            v.put("MasterLabel", l.label);
            v.put("LicenseDefinitionKey", l.key);
            v.put("Status", l.status);
            v.put("TotalLicenses", total);
            v.put("UsedLicenses", u);
            v.put("UsedLicensesLastUpdated", now.minusSeconds(3 * 3600));
            boolean loginBased = l == License.CUSTOMER_COMMUNITY_LOGIN;
            v.put("MonthlyLoginsEntitlement", loginBased ? 500 : null);
            v.put("MonthlyLoginsUsed", loginBased ? 137 : null);
            putAudit(v, now.minusSeconds(900 * DAY), now.minusSeconds(3 * 3600));
            rows.add(new MapRecord(v));
        }
        return rows;
    }

    List<MapRecord> profiles() {
        List<MapRecord> rows = new ArrayList<>();
        for (int i = 0; i < PROFILES.size(); i++) {
            ProfileDef p = PROFILES.get(i);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("Id", profileIds[i]);
            v.put("Name", p.name());
            v.put("UserType", p.userType());
            v.put("UserLicenseId", SalesforceIds.id("100", idBase + p.license().ordinal()));
            putAudit(v, now.minusSeconds(900 * DAY), now.minusSeconds((40 + i) * DAY));
            rows.add(new MapRecord(v));
        }
        return rows;
    }

    /** Includes one licence expiring in ~20 days, one in ~200, one that never expires and a disabled one. */
    List<MapRecord> permissionSetLicenses() {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Object[][] rows = {
            {"SalesConsoleUser", "Sales Console User", 50, 47, today.plusDays(20), "Active"},
            {"SalesforceCPQ_CPQStandardPerm", "Salesforce CPQ License", 120, 96, today.plusDays(200), "Active"},
            {"IdentityConnect", "Identity Connect", 1000, 312, null, "Active"},
            {"LightningConsoleUser", "Lightning Console User", 25, 25, today.plusDays(400), "Active"},
            {"WaveAnalyticsPlatform", "Analytics Platform", 10, 0, today.minusDays(30), "Disabled"},
        };
        List<MapRecord> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Object[] r = rows[i];
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("Id", SalesforceIds.id("0PL", idBase + i));
            v.put("DeveloperName", r[0]);
            v.put("MasterLabel", r[1]);
            v.put("PermissionSetLicenseKey", r[0]);
            v.put("Status", r[5]);
            v.put("TotalLicenses", r[2]);
            v.put("UsedLicenses", r[3]);
            v.put("ExpirationDate", r[4]);
            putAudit(v, now.minusSeconds(700 * DAY), now.minusSeconds((2 + i) * DAY));
            out.add(new MapRecord(v));
        }
        return out;
    }

    /** One Active package expiring in ~25 days at ~97% usage; one site-wide (AllowedLicenses -1). */
    List<MapRecord> packageLicenses() {
        Object[][] rows = {
            {"SBQQ", "Active", 200, 194, now.plusSeconds(25 * DAY), true},
            // site-wide licence: Salesforce reports -1 for both counts (unconfirmed for UsedLicenses)
            {"dsfs", "Active", -1, -1, null, true},
            {"pi", "Expired", 50, 12, now.minusSeconds(40 * DAY), false},
            {"et4ae5", "Free", 100, 3, null, true},
            {"FinServ", "Trial", 30, 8, now.plusSeconds(12 * DAY), true},
        };
        List<MapRecord> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Object[] r = rows[i];
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("Id", SalesforceIds.id("050", idBase + i));
            v.put("NamespacePrefix", r[0]);
            v.put("Status", r[1]);
            v.put("AllowedLicenses", r[2]);
            v.put("UsedLicenses", r[3]);
            v.put("ExpirationDate", r[4]);
            v.put("IsProvisioned", r[5]);
            putAudit(v, now.minusSeconds(500 * DAY), now.minusSeconds((5 + i) * DAY));
            out.add(new MapRecord(v));
        }
        return out;
    }

    private License licenseOf(String profileId) {
        for (int i = 0; i < profileIds.length; i++) {
            if (profileIds[i].equals(profileId)) {
                return PROFILES.get(i).license();
            }
        }
        throw new IllegalStateException("unknown profile " + profileId);
    }

    private static void putAudit(Map<String, Object> v, Instant created, Instant modified) {
        v.put("CreatedDate", created);
        v.put("LastModifiedDate", modified);
        v.put("SystemModstamp", modified);
    }

    private static int ceilDiv(int used, double utilisation) {
        return (int) Math.ceil(used / utilisation);
    }
}
