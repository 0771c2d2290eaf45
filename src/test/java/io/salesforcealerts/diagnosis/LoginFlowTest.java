package io.salesforcealerts.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each login flow end to end against the simulator, and secrets read from files. */
class LoginFlowTest {

    private static final String STORE_PASSWORD = "jwt-store-pass";

    @TempDir
    Path dir;

    private SalesforceSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(17L, 80));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private Map<String, String> props(String flow) {
        Map<String, String> p = RuntimeHarness.defaults(simulator, dir);
        p.put("salesforce.auth-flow", flow);
        return p;
    }

    private JsonNode syncWith(Map<String, String> props) throws Exception {
        try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
            HttpResponse<String> response = runtime.post("/api/sync");
            JsonNode body = RuntimeHarness.json(response);
            JsonNode status = RuntimeHarness.json(runtime.get("/api/status"));
            assertThat(status.get("authFlow").asText()).isEqualTo(props.get("salesforce.auth-flow"));
            return body;
        }
    }

    @Test
    void clientCredentialsFlow() throws Exception {
        Map<String, String> p = props("client-credentials");
        p.remove("salesforce.username");
        p.remove("salesforce.password");
        JsonNode body = syncWith(p);
        assertThat(body.get("status").asText()).as(body.toString()).isEqualTo("SUCCESS");
        assertThat(body.get("orgId").asText()).isEqualTo(simulator.org().orgId());
    }

    @Test
    void jwtFlowWithAKeystore() throws Exception {
        Path keystore = newKeystore("jwt.p12");
        simulator.org().registerJwtCertificate(certificate(keystore).getPublicKey());
        Map<String, String> p = props("jwt");
        p.remove("salesforce.password");
        p.remove("salesforce.consumer-secret");
        p.put("salesforce.jwt.keystore", keystore.toString());
        p.put("salesforce.jwt.keystore-password", STORE_PASSWORD);
        JsonNode body = syncWith(p);
        assertThat(body.get("status").asText()).as(body.toString()).isEqualTo("SUCCESS");
    }

    @Test
    void jwtFlowWithPemFilesAndAnUnknownKeyIsRefused() throws Exception {
        Path keystore = newKeystore("jwt.p12");
        Path keyPem = dir.resolve("key.pem");
        Path certPem = dir.resolve("cert.pem");
        Files.writeString(keyPem, pem("PRIVATE KEY", privateKey(keystore).getEncoded()));
        Files.writeString(certPem, pem("CERTIFICATE", certificate(keystore).getEncoded()));
        Map<String, String> p = props("jwt");
        p.remove("salesforce.password");
        p.put("salesforce.jwt.private-key-file", keyPem.toString());
        p.put("salesforce.jwt.certificate-file", certPem.toString());

        JsonNode refused = syncWith(p);
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.get("error").get("code").asText()).isEqualTo("invalid_grant");

        simulator.org().registerJwtCertificate(certificate(keystore).getPublicKey());
        JsonNode body = syncWith(p);
        assertThat(body.get("status").asText()).as(body.toString()).isEqualTo("SUCCESS");
    }

    @Test
    void secretsCanComeFromFiles() throws Exception {
        Map<String, String> p = props("username-password");
        Path password = dir.resolve("password");
        Path secret = dir.resolve("consumer-secret");
        Files.writeString(password, p.remove("salesforce.password") + "\n");
        Files.writeString(secret, p.remove("salesforce.consumer-secret"));
        p.put("salesforce.password-file", password.toString());
        p.put("salesforce.consumer-secret-file", secret.toString());
        JsonNode body = syncWith(p);
        assertThat(body.get("status").asText()).as(body.toString()).isEqualTo("SUCCESS");
    }

    private Path newKeystore(String name) throws Exception {
        Path keystore = dir.resolve(name);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "jwt", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=salesforce-alerts",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD).redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        return keystore;
    }

    private static KeyStore load(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        return ks;
    }

    private static Certificate certificate(Path keystore) throws Exception {
        return load(keystore).getCertificate("jwt");
    }

    private static PrivateKey privateKey(Path keystore) throws Exception {
        return (PrivateKey) load(keystore).getKey("jwt", STORE_PASSWORD.toCharArray());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
