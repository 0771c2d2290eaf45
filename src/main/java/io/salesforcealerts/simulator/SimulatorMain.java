package io.salesforcealerts.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone for demos:
 * {@code java -cp ... io.salesforcealerts.simulator.SimulatorMain --port 8089 --users 5000 --seed 42}.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        int users = 1000;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(require(args[i], value));
                case "--users" -> users = Integer.parseInt(require(args[i], value));
                case "--seed" -> seed = Long.parseLong(require(args[i], value));
                case "--help", "-h" -> {
                    System.out.println("usage: SimulatorMain [--port N] [--users N] [--seed N]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
            i++;
        }
        SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(seed, users), port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "salesforce-simulator-shutdown"));
        SimulatorCredentials c = simulator.org().credentials();
        System.out.println("Salesforce simulator listening on " + simulator.baseUrl());
        System.out.println("  org id          " + simulator.org().orgId() + " (" + users + " users, seed " + seed + ")");
        System.out.println("  login url       " + simulator.baseUrl());
        System.out.println("  client id       " + c.consumerKey());
        System.out.println("  client secret   " + c.consumerSecret());
        System.out.println("  username        " + c.username());
        System.out.println("  password        " + c.password() + "  (or with token: " + c.passwordWithToken() + ")");
        System.out.println("  security token  " + c.securityToken());
        stopped.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
