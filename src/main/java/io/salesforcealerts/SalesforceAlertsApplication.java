package io.salesforcealerts;

/** Entry point of {@code java -jar salesforce-alerts.jar [--demo]}. */
public final class SalesforceAlertsApplication {

    public static void main(String[] args) {
        System.exit(new RuntimeLauncher().run(args));
    }
}
