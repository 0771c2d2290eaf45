package io.salesforcealerts.simulator;

import java.time.Instant;

/**
 * One User row. Generated on demand from seed+index (never stored unless mutated), so a
 * 200,000-user org costs no heap until a test changes someone.
 */
public record SimUser(int index, String id, String username, String firstName, String lastName, String email,
                      boolean isActive, String userType, Instant lastLoginDate, String profileId,
                      String profileName, String userLicenseName, Instant createdDate, Instant systemModstamp)
        implements SObjectRecord {

    public String name() {
        return firstName + " " + lastName;
    }

    @Override
    public Object get(String canonicalField) {
        return switch (canonicalField) {
            case "Id" -> id;
            case "Username" -> username;
            case "Name" -> name();
            case "FirstName" -> firstName;
            case "LastName" -> lastName;
            case "Email" -> email;
            case "IsActive" -> isActive;
            case "UserType" -> userType;
            case "LastLoginDate" -> lastLoginDate;
            case "ProfileId" -> profileId;
            case "CreatedDate" -> createdDate;
            // the simulator does not distinguish user edits from system changes
            case "LastModifiedDate", "SystemModstamp" -> systemModstamp;
            default -> throw new IllegalArgumentException("User has no field " + canonicalField);
        };
    }

    public SimUser withActive(boolean active, Instant modstamp) {
        return new SimUser(index, id, username, firstName, lastName, email, active, userType, lastLoginDate,
                profileId, profileName, userLicenseName, createdDate, modstamp);
    }

    public SimUser withLastLogin(Instant lastLogin, Instant modstamp) {
        return new SimUser(index, id, username, firstName, lastName, email, isActive, userType, lastLogin,
                profileId, profileName, userLicenseName, createdDate, modstamp);
    }

    public SimUser withModstamp(Instant modstamp) {
        return withActive(isActive, modstamp);
    }
}
