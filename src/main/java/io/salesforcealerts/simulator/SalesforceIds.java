package io.salesforcealerts.simulator;

/**
 * Builds Salesforce-style record ids: a 3-char key prefix, a 12-char base-62 body and the
 * 3-char case-safe suffix that turns the case-sensitive 15-char id into the 18-char API form.
 */
public final class SalesforceIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    /** Pod/instance characters real ids carry after the prefix; fixed so ids look familiar. */
    private static final String POD = "5g0";

    private SalesforceIds() {
    }

    /** 18-char id for record number {@code number} of the object with key prefix {@code prefix}. */
    public static String id(String prefix, long number) {
        if (prefix.length() != 3 || number < 0) {
            throw new IllegalArgumentException("prefix must have 3 chars and number be >= 0");
        }
        char[] body = new char[9];
        long n = number;
        for (int i = body.length - 1; i >= 0; i--) {
            body[i] = BASE62.charAt((int) (n % 62));
            n /= 62;
        }
        if (n != 0) {
            throw new IllegalArgumentException("record number too large: " + number);
        }
        return to18(prefix + POD + new String(body));
    }

    /** Appends the case-safe suffix: one char per 5-char chunk encoding which chars are upper case. */
    public static String to18(String id15) {
        if (id15.length() == 18) {
            return id15;
        }
        if (id15.length() != 15) {
            throw new IllegalArgumentException("not a 15-char id: " + id15);
        }
        StringBuilder sb = new StringBuilder(18).append(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            sb.append(SUFFIX_CHARS.charAt(bits));
        }
        return sb.toString();
    }

    public static String to15(String id) {
        return id.length() > 15 ? id.substring(0, 15) : id;
    }
}
