package io.salesforcealerts.sync;

import java.time.Instant;

/** One licence row of a sync: a UserLicense, PermissionSetLicense or PackageLicense, normalised. */
public record LicenceSnapshot(String type, String id, String key, String name, Integer total, Integer used,
        String status, Instant expiresAt, Instant sourceUpdatedAt) {
}
