package io.salesforcealerts.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The sObjects the simulated org knows, with the fields seat and licence monitoring reads. */
public final class SObjectSchemas {

    public static final SObjectSchema USER_LICENSE = SObjectSchema.builder("UserLicense", "100")
            .field("Name", FieldType.STRING)
            .field("MasterLabel", FieldType.STRING)
            .field("LicenseDefinitionKey", FieldType.STRING)
            .field("Status", FieldType.STRING)
            .field("TotalLicenses", FieldType.INT)
            .field("UsedLicenses", FieldType.INT)
            .field("UsedLicensesLastUpdated", FieldType.DATETIME)
            .field("MonthlyLoginsEntitlement", FieldType.INT)
            .field("MonthlyLoginsUsed", FieldType.INT)
            .auditFields()
            .build();

    public static final SObjectSchema PERMISSION_SET_LICENSE = SObjectSchema.builder("PermissionSetLicense", "0PL")
            .field("DeveloperName", FieldType.STRING)
            .field("MasterLabel", FieldType.STRING)
            .field("PermissionSetLicenseKey", FieldType.STRING)
            .field("Status", FieldType.STRING)
            .field("TotalLicenses", FieldType.INT)
            .field("UsedLicenses", FieldType.INT)
            .field("ExpirationDate", FieldType.DATE)
            .auditFields()
            .build();

    public static final SObjectSchema PACKAGE_LICENSE = SObjectSchema.builder("PackageLicense", "050")
            .field("NamespacePrefix", FieldType.STRING)
            .field("Status", FieldType.STRING)
            .field("AllowedLicenses", FieldType.INT)
            .field("UsedLicenses", FieldType.INT)
            .field("ExpirationDate", FieldType.DATETIME)
            .field("IsProvisioned", FieldType.BOOLEAN)
            .auditFields()
            .build();

    public static final SObjectSchema PROFILE = SObjectSchema.builder("Profile", "00e")
            .field("Name", FieldType.STRING)
            .field("UserType", FieldType.STRING)
            .parent("UserLicense", "UserLicense")
            .auditFields()
            .build();

    public static final SObjectSchema USER = SObjectSchema.builder("User", "005")
            .field("Username", FieldType.STRING)
            .field("Name", FieldType.STRING)
            .field("FirstName", FieldType.STRING)
            .field("LastName", FieldType.STRING)
            .field("Email", FieldType.STRING)
            .field("IsActive", FieldType.BOOLEAN)
            .field("UserType", FieldType.STRING)
            .field("LastLoginDate", FieldType.DATETIME)
            .parent("Profile", "Profile")
            .auditFields()
            .build();

    private static final Map<String, SObjectSchema> BY_LOWER_NAME = new LinkedHashMap<>();

    static {
        for (SObjectSchema s : new SObjectSchema[] {USER_LICENSE, PERMISSION_SET_LICENSE, PACKAGE_LICENSE, PROFILE, USER}) {
            BY_LOWER_NAME.put(s.name().toLowerCase(Locale.ROOT), s);
        }
    }

    private SObjectSchemas() {
    }

    /** Schema for a case-insensitive object name, or null. */
    public static SObjectSchema find(String anyCase) {
        return BY_LOWER_NAME.get(anyCase.toLowerCase(Locale.ROOT));
    }
}
