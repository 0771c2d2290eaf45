package io.salesforcealerts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.salesforcealerts.check.ConnectionCheck;
import io.salesforcealerts.config.InvalidConfigurationException;
import io.salesforcealerts.config.RuntimeSettings;
import org.apache.camel.main.Main;

/**
 * Builds and runs the Camel Main of this runtime. Routes and {@code application.properties} in the
 * working directory win over the copies packaged in the jar, so they can be edited without a rebuild.
 * Exit codes: 0 stopped normally, 1 failed at start, 2 invalid configuration.
 */
public final class RuntimeLauncher {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INVALID_CONFIGURATION = 2;

    private final PrintStream out;
    private final PrintStream err;

    public RuntimeLauncher() {
        this(System.out, System.err);
    }

    RuntimeLauncher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        List<String> camelArgs = new ArrayList<>(Arrays.asList(args));
        if (camelArgs.remove("check")) {
            return check();
        }
        boolean demo = camelArgs.remove("--demo");
        Main main = createMain(Path.of(""));
        try (DemoMode demoMode = demo ? DemoMode.start(main) : null) {
            int exit = main.run(camelArgs.toArray(String[]::new));
            return exit < 0 ? 0 : exit;
        } catch (Exception e) {
            return startFailure(e);
        }
    }

    /** {@code check}: the runtime without schedule or HTTP server, one pass of {@link ConnectionCheck}; 0 when all pass. */
    private int check() {
        Main main = createMain(Path.of(""));
        main.addOverrideProperty("sync.enabled", "false");
        main.addOverrideProperty("sync.on-startup", "false");
        main.addOverrideProperty("camel.server.port", "0");
        main.addOverrideProperty("camel.management.enabled", "false");
        try {
            main.start();
            RuntimeSettings settings = main.getCamelContext().getRegistry()
                    .lookupByNameAndType("runtimeSettings", RuntimeSettings.class);
            return new ConnectionCheck(main.getCamelContext(), settings, out).run() ? 0 : EXIT_FAILED;
        } catch (Exception e) {
            return startFailure(e);
        } finally {
            main.stop();
        }
    }

    private int startFailure(Exception e) {
        InvalidConfigurationException invalid = findCause(e, InvalidConfigurationException.class);
        if (invalid != null) {
            err.println(invalid.getMessage());
            err.println("Set them in application.properties, as environment variables or as -D system properties,"
                    + " or run with --demo to try the built-in Salesforce simulator.");
            return EXIT_INVALID_CONFIGURATION;
        }
        err.println("salesforce-alerts failed to start: " + e.getMessage());
        return EXIT_FAILED;
    }

    /** A Camel Main with this runtime's configuration, reading routes and properties from {@code workDir} first. */
    public static Main createMain(Path workDir) {
        Main main = new Main(SalesforceAlertsConfiguration.class);
        main.setAppName("salesforce-alerts");
        // Camel's start-up summary masks keys it knows as secrets; these are ours too
        main.configure().setAdditionalSensitiveKeywords("token,security-token,securitytoken,secret,private-key,"
                + "privatekey,keystore-password,keystorepassword,consumer-key,consumerkey,client-id,clientid");
        // later locations override earlier ones: the working directory's file wins key by key
        main.setDefaultPropertyPlaceholderLocation("classpath:application.properties;optional=true,file:"
                + workDir.resolve("application.properties").toAbsolutePath() + ";optional=true");
        main.configure().withRoutesIncludePattern(hasYamlRoutes(workDir.resolve("routes"))
                ? "file:" + workDir.resolve("routes").toAbsolutePath() + "/*.camel.yaml"
                : "classpath:routes/*.camel.yaml");
        return main;
    }

    private static boolean hasYamlRoutes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.camel.yaml")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
