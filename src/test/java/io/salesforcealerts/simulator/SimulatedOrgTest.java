package io.salesforcealerts.simulator;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulatedOrgTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void sameSeedGivesTheSameOrgAndAnotherSeedADifferentOne() {
        SimulatedOrg a = SimulatedOrg.generate(7, 500, CLOCK);
        SimulatedOrg b = SimulatedOrg.generate(7, 500, CLOCK);
        SimulatedOrg c = SimulatedOrg.generate(8, 500, CLOCK);

        assertThat(a.orgId()).isEqualTo(b.orgId()).hasSize(18).startsWith("00D").isNotEqualTo(c.orgId());
        assertThat(a.user(123)).isEqualTo(b.user(123));
        assertThat(a.records("UserLicense")).isEqualTo(b.records("UserLicense"));
        assertThat(a.user(123).username()).isNotEqualTo(c.user(123).username());
    }

    @Test
    void userLicencesCountActiveUsersAndCoverTheInterestingCases() {
        SimulatedOrg org = SimulatedOrg.generate(42, 5000, CLOCK);
        Map<String, Map<String, Object>> byName = byName(org.records("UserLicense"));

        assertThat(byName).hasSizeGreaterThanOrEqualTo(8).containsKeys("Salesforce", "Salesforce Platform",
                "Chatter Free", "Customer Community Login", "Partner Community", "Identity");
        int activeSalesforce = 0;
        for (int i = 0; i < org.userCount(); i++) {
            SimUser u = org.user(i);
            if (u.isActive() && u.userLicenseName().equals("Salesforce")) {
                activeSalesforce++;
            }
        }
        Map<String, Object> sfdc = byName.get("Salesforce");
        assertThat(sfdc.get("UsedLicenses")).isEqualTo(activeSalesforce);
        assertThat(sfdc.get("LicenseDefinitionKey")).isEqualTo("SFDC");
        assertThat(ratio(sfdc)).isBetween(0.92, 0.97);
        assertThat(ratio(byName.get("Salesforce Platform"))).isCloseTo(0.6, within(0.06));
        Map<String, Object> login = byName.get("Customer Community Login");
        assertThat((int) login.get("TotalLicenses")).isPositive();
        assertThat(login.get("UsedLicenses")).isEqualTo(0);
        Map<String, Object> partner = byName.get("Partner Community");
        assertThat((int) partner.get("UsedLicenses")).isGreaterThan((int) partner.get("TotalLicenses"));
        assertThat(byName.get("Identity")).containsEntry("TotalLicenses", 0).containsEntry("UsedLicenses", 0);
        assertThat(byName.values()).anyMatch(l -> "Disabled".equals(l.get("Status")));
        assertThat((String) sfdc.get("Id")).startsWith("100").hasSize(18);
    }

    @Test
    void tinyOrgsStillPopulateEveryLicenceWithUsers() {
        SimulatedOrg org = SimulatedOrg.generate(1, 5, CLOCK);
        Map<String, Map<String, Object>> byName = byName(org.records("UserLicense"));

        Map<String, Object> partner = byName.get("Partner Community");
        assertThat((int) partner.get("UsedLicenses")).isGreaterThan((int) partner.get("TotalLicenses"));
        assertThat(byName.get("Chatter Free").get("UsedLicenses")).isEqualTo(1);
    }

    @Test
    void permissionSetAndPackageLicencesHaveExpiriesRelativeToTheClock() {
        SimulatedOrg org = SimulatedOrg.generate(42, 10, CLOCK);
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

        List<Map<String, Object>> psl = org.records("PermissionSetLicense");
        assertThat(psl).extracting(r -> r.get("ExpirationDate"))
                .contains(today.plusDays(20), today.plusDays(200), null);
        assertThat(psl).anyMatch(r -> "Disabled".equals(r.get("Status")));

        List<Map<String, Object>> packages = org.records("PackageLicense");
        assertThat(packages).extracting(r -> r.get("Status")).contains("Active", "Expired", "Free", "Trial");
        assertThat(packages).anyMatch(r -> r.get("AllowedLicenses").equals(-1));
        assertThat(packages).anyMatch(r -> "Active".equals(r.get("Status"))
                && NOW.plus(Duration.ofDays(25)).equals(r.get("ExpirationDate"))
                && (int) r.get("UsedLicenses") * 100 / (int) r.get("AllowedLicenses") == 97);
    }

    @Test
    void usersHaveRealisticActivityAndUniqueIds() {
        int n = 20_000;
        SimulatedOrg org = SimulatedOrg.generate(42, n, CLOCK);
        int inactive = 0;
        int neverLoggedIn = 0;
        int staleActive = 0;
        int recent = 0;
        Set<String> ids = new HashSet<>();
        Set<String> userTypes = new HashSet<>();
        for (int i = 0; i < n; i++) {
            SimUser u = org.user(i);
            ids.add(u.id());
            userTypes.add(u.userType());
            assertThat(u.createdDate()).isBefore(NOW);
            assertThat(u.systemModstamp()).isAfterOrEqualTo(u.createdDate()).isBeforeOrEqualTo(NOW);
            if (!u.isActive()) {
                inactive++;
            } else if (u.lastLoginDate() == null) {
                neverLoggedIn++;
            } else if (u.lastLoginDate().isBefore(NOW.minus(Duration.ofDays(90)))) {
                staleActive++;
            } else if (u.lastLoginDate().isAfter(NOW.minus(Duration.ofDays(7)))) {
                recent++;
            }
        }
        assertThat(ids).hasSize(n).allMatch(id -> id.length() == 18 && id.startsWith("005"));
        assertThat(inactive / (double) n).isCloseTo(0.08, within(0.01));
        assertThat(neverLoggedIn / (double) n).isCloseTo(0.05, within(0.01));
        assertThat(staleActive / (double) n).isCloseTo(0.09, within(0.02));
        assertThat(recent).isGreaterThan(n / 2);
        assertThat(userTypes).contains("Standard", "CsnOnly", "PowerPartner", "CspLitePortal");
        assertThat(org.user(0).username()).isEqualTo(org.credentials().username());
        assertThat(org.user(0).id()).isEqualTo(org.integrationUserId());
    }

    @Test
    void userMutatorsOverrideOnlyTheChangedUserAndBumpTheModstamp() {
        SimulatedOrg org = SimulatedOrg.generate(42, 100, CLOCK);
        SimUser before = org.user(10);
        Instant login = Instant.parse("2025-01-01T00:00:00Z");

        org.deactivateUser(10);
        org.setLastLogin(11, login);
        org.setLastLogin(12, null);
        Instant touchedBefore = org.user(13).systemModstamp();
        org.touchUser(13);
        org.touchUser(13);

        assertThat(org.user(10).isActive()).isFalse();
        assertThat(org.user(10).systemModstamp()).isAfter(before.systemModstamp());
        assertThat(org.user(10).username()).isEqualTo(before.username());
        assertThat(org.user(11).lastLoginDate()).isEqualTo(login);
        assertThat(org.user(12).lastLoginDate()).isNull();
        assertThat(org.user(13).systemModstamp()).isAfter(touchedBefore).isAfterOrEqualTo(NOW);
        assertThat(org.user(14)).isEqualTo(SimulatedOrg.generate(42, 100, CLOCK).user(14));
    }

    @Test
    void licenceMutatorsChangeTheRecords() {
        SimulatedOrg org = SimulatedOrg.generate(42, 100, CLOCK);

        org.setUsedLicenses("Salesforce", 99);
        org.setTotalLicenses("Salesforce", 100);

        assertThat(byName(org.records("UserLicense")).get("Salesforce"))
                .containsEntry("UsedLicenses", 99).containsEntry("TotalLicenses", 100);
    }

    static Map<String, Map<String, Object>> byName(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        rows.forEach(r -> out.put((String) r.get("Name"), r));
        return out;
    }

    private static double ratio(Map<String, Object> licence) {
        return ((int) licence.get("UsedLicenses")) / (double) (int) licence.get("TotalLicenses");
    }
}
