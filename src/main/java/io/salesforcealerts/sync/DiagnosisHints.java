package io.salesforcealerts.sync;

import java.util.Locale;

/**
 * The troubleshooting table, automated: for each way a login or a query fails, which Salesforce
 * setting or which of our settings to fix. Keyed by the error code (and, for {@code invalid_grant},
 * the description) that Salesforce or the network gave.
 */
public final class DiagnosisHints {

    private DiagnosisHints() {
    }

    public static String forError(String code, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return switch (code == null ? "" : code) {
            case "invalid_client_id" -> "The Consumer Key (salesforce.consumer-key) is unknown on this login host: check it"
                    + " for typos; a new Connected App can take up to 10 minutes to be provisioned; a sandbox's app"
                    + " must log in at https://test.salesforce.com (salesforce.login-url).";
            case "invalid_client" -> "The Consumer Secret (salesforce.consumer-secret) is wrong: copy it again from the"
                    + " Connected App (Setup > App Manager > View > Manage Consumer Details).";
            case "invalid_grant" -> invalidGrant(m);
            case "invalid_app_access" -> "The Connected App's Permitted Users is 'Admin approved users are pre-authorized':"
                    + " assign the integration user's profile or a permission set to the app (Manage > Profiles or"
                    + " Permission Sets).";
            case "unsupported_grant_type" -> "This login host does not accept the chosen flow (salesforce.auth-flow):"
                    + " the client-credentials flow needs the org's My Domain host and 'Enable Client Credentials Flow'"
                    + " with a Run As user on the Connected App; username-password needs 'Allow OAuth Username-Password"
                    + " Flows' in Setup > OAuth and OpenID Connect Settings.";
            case "inactive_user" -> "The integration user (salesforce.username) is deactivated: reactivate it or"
                    + " configure another user.";
            case "inactive_org" -> "The org is locked, suspended or expired: ask the Salesforce administrator or"
                    + " Salesforce support.";
            case "rate_limit_exceeded" -> "Salesforce refuses logins for this user for a while (too many logins): wait"
                    + " an hour; make sure no other system logs in as this user in a loop.";
            case "INVALID_SESSION_ID" -> "Salesforce rejects the new session for the REST API: add the 'Manage user data"
                    + " via APIs (api)' OAuth scope to the Connected App; if the session expired, the next sync logs in again.";
            case "API_DISABLED_FOR_ORG" -> "The REST API is not available to this user: give the integration user's profile"
                    + " or a permission set the 'API Enabled' permission (the org's edition must include API access).";
            case "INSUFFICIENT_ACCESS", "NO_LICENCE_DATA" -> "The integration user cannot see licence data: give it the"
                    + " 'View Setup and Configuration' permission (profile or permission set).";
            case "REQUEST_LIMIT_EXCEEDED" -> "The org has used its daily API request allowance (DailyApiRequests): syncs"
                    + " work again when it recovers over the next 24 hours; sync less often (sync.schedule).";
            case "API_BUDGET_RESERVE" -> "The sync was skipped to leave the org's last daily API requests to other"
                    + " systems (sync.api-reserve-percent): syncs resume as DailyApiRequests recovers; lower the reserve"
                    + " or sync less often (sync.schedule).";
            case "INVALID_OPERATION_WITH_EXPIRED_PASSWORD" -> "The integration user's password has expired: log in once in"
                    + " a browser to set a new one and update salesforce.password (or set 'Password Never Expires' on an"
                    + " API-only profile).";
            case "DNS_FAILURE" -> "The host name does not resolve: check salesforce.login-url (production"
                    + " https://login.salesforce.com, sandbox https://test.salesforce.com, or https://<domain>.my.salesforce.com)"
                    + " and this machine's DNS.";
            case "CONNECTION_FAILED" -> "Nothing answers at that address: check salesforce.login-url, proxies and"
                    + " firewalls between this machine and Salesforce (outbound HTTPS, port 443).";
            case "TLS_FAILURE" -> "The TLS handshake failed: a proxy may intercept HTTPS (add its CA to the Java trust"
                    + " store), or the host is not a Salesforce host.";
            case "TIMEOUT" -> "Salesforce did not answer in time: retry; for large orgs raise"
                    + " salesforce.http.idle-timeout-ms.";
            case "DATABASE_ERROR" -> "The database failed: check db.url, that the database is up and has space;"
                    + " nothing of this sync was kept.";
            case "MALFORMED_RESPONSE" -> "Salesforce's answer could not be read (cut off or not JSON): usually passing;"
                    + " if it persists, check proxies between this machine and Salesforce.";
            default -> code != null && code.startsWith("HTTP_5") || "UNKNOWN_EXCEPTION".equals(code)
                    || "SERVER_UNAVAILABLE".equals(code)
                    ? "Salesforce had a server-side problem: usually passing; see https://status.salesforce.com."
                    : "See the message; the README's troubleshooting table lists the known cases.";
        };
    }

    private static String invalidGrant(String description) {
        if (description.contains("ip restricted")) {
            return "Salesforce refuses logins from this machine's IP address: in the Connected App's OAuth Policies set"
                    + " IP Relaxation to 'Relax IP restrictions', or append the user's security token"
                    + " (salesforce.security-token), or add this IP to the org's trusted ranges.";
        }
        if (description.contains("hasn't approved this consumer") || description.contains("has not approved")) {
            return "The user has not approved the Connected App: set its Permitted Users to 'All users may"
                    + " self-authorize', or pre-authorize the user's profile with 'Admin approved users are pre-authorized'.";
        }
        if (description.contains("inactive user")) {
            return forError("inactive_user", description);
        }
        if (description.contains("expired")) {
            return "The credentials or the JWT assertion have expired: check the clock of this machine and the user's"
                    + " password.";
        }
        return "The username, password or security token is wrong (salesforce.username, salesforce.password,"
                + " salesforce.security-token). Also: a sandbox user must log in at https://test.salesforce.com;"
                + " the Connected App needs 'Allow OAuth Username-Password Flows' on (Setup > OAuth and OpenID"
                + " Connect Settings; orgs created since Summer '23 block this flow by default), or switch to the"
                + " client-credentials or JWT flow (salesforce.auth-flow).";
    }
}
