package io.salesforcealerts.sync;

import static io.salesforcealerts.sync.SalesforceValues.bool;
import static io.salesforcealerts.sync.SalesforceValues.instant;
import static io.salesforcealerts.sync.SalesforceValues.integer;
import static io.salesforcealerts.sync.SalesforceValues.path;
import static io.salesforcealerts.sync.SalesforceValues.requiredText;
import static io.salesforcealerts.sync.SalesforceValues.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps the raw JSON records of each synced object, field by field, to our rows. The field lists
 * here and the SOQL in {@code routes/sync.camel.yaml} go together.
 */
public final class RecordMappers {

    private RecordMappers() {
    }

    // column widths (V1 schema): a longer value would fail the whole page's batch, so the record is rejected
    private static final int ID = 18;
    private static final int SHORT = 40;
    private static final int LONG = 255;

    /** UserLicense: key is the LicenseDefinitionKey (SFDC, AUL...), name the MasterLabel. */
    public static LicenceSnapshot userLicense(JsonNode r) {
        return new LicenceSnapshot("UserLicense", fits(requiredText(r, "Id"), "Id", ID), fits(text(r, "LicenseDefinitionKey"), "LicenseDefinitionKey", LONG),
                firstNonNull(fits(text(r, "MasterLabel"), "MasterLabel", LONG), fits(text(r, "Name"), "Name", LONG)), integer(r, "TotalLicenses"),
                integer(r, "UsedLicenses"), fits(text(r, "Status"), "Status", SHORT), null, instant(r, "UsedLicensesLastUpdated"));
    }

    /** PermissionSetLicense: key is the DeveloperName; ExpirationDate is a date. */
    public static LicenceSnapshot permissionSetLicense(JsonNode r) {
        return new LicenceSnapshot("PermissionSetLicense", fits(requiredText(r, "Id"), "Id", ID), fits(text(r, "DeveloperName"), "DeveloperName", LONG),
                firstNonNull(fits(text(r, "MasterLabel"), "MasterLabel", LONG), fits(text(r, "DeveloperName"), "DeveloperName", LONG)), integer(r, "TotalLicenses"),
                integer(r, "UsedLicenses"), fits(text(r, "Status"), "Status", SHORT), instant(r, "ExpirationDate"), null);
    }

    /** PackageLicense: key and name are the namespace; AllowedLicenses -1 means site-wide (unlimited). */
    public static LicenceSnapshot packageLicense(JsonNode r) {
        return new LicenceSnapshot("PackageLicense", fits(requiredText(r, "Id"), "Id", ID), fits(text(r, "NamespacePrefix"), "NamespacePrefix", LONG),
                fits(text(r, "NamespacePrefix"), "NamespacePrefix", LONG), integer(r, "AllowedLicenses"), integer(r, "UsedLicenses"),
                fits(text(r, "Status"), "Status", SHORT), instant(r, "ExpirationDate"), null);
    }

    /**
     * User: the licence comes through Profile.UserLicense.Name; LastLoginDate null means never logged in;
     * SystemModstamp is kept in staging only, for the watermark.
     */
    public static SalesforceUser user(JsonNode r) {
        return new SalesforceUser(fits(requiredText(r, "Id"), "Id", ID), fits(text(r, "Username"), "Username", LONG), fits(text(r, "Name"), "Name", LONG), bool(r, "IsActive"),
                fits(text(r, "UserType"), "UserType", SHORT), fits(path(r, "Profile.UserLicense.Name"), "Profile.UserLicense.Name", LONG), instant(r, "LastLoginDate"),
                instant(r, "SystemModstamp"));
    }

    private static String fits(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidRecordException(field, "is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
