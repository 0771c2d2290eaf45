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

    /** UserLicense: key is the LicenseDefinitionKey (SFDC, AUL...), name the MasterLabel. */
    public static LicenceSnapshot userLicense(JsonNode r) {
        return new LicenceSnapshot("UserLicense", requiredText(r, "Id"), text(r, "LicenseDefinitionKey"),
                firstNonNull(text(r, "MasterLabel"), text(r, "Name")), integer(r, "TotalLicenses"),
                integer(r, "UsedLicenses"), text(r, "Status"), null, instant(r, "UsedLicensesLastUpdated"));
    }

    /** PermissionSetLicense: key is the DeveloperName; ExpirationDate is a date. */
    public static LicenceSnapshot permissionSetLicense(JsonNode r) {
        return new LicenceSnapshot("PermissionSetLicense", requiredText(r, "Id"), text(r, "DeveloperName"),
                firstNonNull(text(r, "MasterLabel"), text(r, "DeveloperName")), integer(r, "TotalLicenses"),
                integer(r, "UsedLicenses"), text(r, "Status"), instant(r, "ExpirationDate"), null);
    }

    /** PackageLicense: key and name are the namespace; AllowedLicenses -1 means site-wide (unlimited). */
    public static LicenceSnapshot packageLicense(JsonNode r) {
        return new LicenceSnapshot("PackageLicense", requiredText(r, "Id"), text(r, "NamespacePrefix"),
                text(r, "NamespacePrefix"), integer(r, "AllowedLicenses"), integer(r, "UsedLicenses"),
                text(r, "Status"), instant(r, "ExpirationDate"), null);
    }

    /** User: the licence comes through Profile.UserLicense.Name; LastLoginDate null means never logged in. */
    public static SalesforceUser user(JsonNode r) {
        return new SalesforceUser(requiredText(r, "Id"), text(r, "Username"), text(r, "Name"), bool(r, "IsActive"),
                text(r, "UserType"), path(r, "Profile.UserLicense.Name"), instant(r, "LastLoginDate"));
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
