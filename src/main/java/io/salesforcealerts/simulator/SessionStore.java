package io.salesforcealerts.simulator;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issued access tokens. A token is valid until revoked or until the faults' session epoch moves on. */
final class SessionStore {

    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> tokenEpochs = new ConcurrentHashMap<>();
    private final SimulatorFaults faults;

    SessionStore(SimulatorFaults faults) {
        this.faults = faults;
    }

    /** A token shaped like Salesforce's: {@code <15-char org id>!AQ<opaque>}. */
    String issue(String orgId) {
        StringBuilder sb = new StringBuilder(SalesforceIds.to15(orgId)).append("!AQ");
        for (int i = 0; i < 96; i++) {
            sb.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
        }
        String token = sb.toString();
        tokenEpochs.put(token, faults.sessionEpoch());
        return token;
    }

    boolean isValid(String token) {
        Long epoch = token == null ? null : tokenEpochs.get(token);
        return epoch != null && epoch == faults.sessionEpoch();
    }

    /** Returns false for tokens never issued or already revoked. */
    boolean revoke(String token) {
        return token != null && tokenEpochs.remove(token) != null;
    }
}
