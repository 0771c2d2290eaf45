package io.salesforcealerts.simulator;

/**
 * Login values of the simulated org's integration user and connected app. The password
 * alone is accepted as well as password+securityToken (the simulator models a trusted IP range).
 */
public record SimulatorCredentials(String consumerKey, String consumerSecret, String username,
                                   String password, String securityToken) {

    /** Fixed demo values, shaped like real ones (85-char consumer key, 64-char secret). */
    public static SimulatorCredentials demo() {
        return new SimulatorCredentials(
                "3MVG9SIMULATOR.SalesforceAlerts.DemoOrg_ConnectedApp.0123456789abcdefghijklmnopqrstuv",
                "5A1E5F0RCE5EC2E7D3B0A9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8",
                "integration@salesforce-alerts.sim",
                "Demo-Passw0rd!",
                "SiMuLaToRsEcUrItYtOkEn01");
    }

    /** The value of the password grant's {@code password} parameter when no trusted IP range applies. */
    public String passwordWithToken() {
        return password + securityToken;
    }

    boolean acceptsPassword(String candidate) {
        return password.equals(candidate) || passwordWithToken().equals(candidate);
    }
}
