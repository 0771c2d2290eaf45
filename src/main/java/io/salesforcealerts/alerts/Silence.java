package io.salesforcealerts.alerts;

import java.time.Instant;

/** Mutes notifications of matching alerts until {@code endsAt}; a null matcher matches anything, {@code *} globs allowed. */
public record Silence(Long id, String rule, String org, String subject, String severity, String comment,
        String createdBy, Instant startsAt, Instant endsAt, Instant createdAt) {

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean matches(AlertEvent e) {
        return Globs.matches(rule, e.getRule()) && Globs.matches(org, e.getOrg())
                && Globs.matches(subject, e.getSubject()) && Globs.matches(severity, e.getSeverity());
    }
}
