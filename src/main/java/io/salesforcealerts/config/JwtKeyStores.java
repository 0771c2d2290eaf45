package io.salesforcealerts.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import io.salesforcealerts.config.RuntimeSettings.JwtSettings;
import org.apache.camel.support.jsse.KeyStoreParameters;

/** The key camel-salesforce signs JWT assertions with, from a keystore file or from PEM files, kept in memory. */
public final class JwtKeyStores {

    private JwtKeyStores() {
    }

    public static KeyStoreParameters load(JwtSettings jwt) throws IOException, GeneralSecurityException {
        KeyStoreParameters parameters = new KeyStoreParameters();
        if (jwt.keystore() != null) {
            parameters.setResource("file:" + Path.of(jwt.keystore()).toAbsolutePath());
            parameters.setPassword(jwt.keystorePassword());
            parameters.setType(jwt.keystore().toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12");
            return parameters;
        }
        // PEM: a one-entry PKCS12 keystore in memory, protected by a throw-away password
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("salesforce-jwt", privateKey(Path.of(jwt.privateKeyFile())), password.toCharArray(),
                new Certificate[] {certificate(Path.of(jwt.certificateFile()))});
        parameters.setKeyStore(keyStore);
        parameters.setPassword(password);
        return parameters;
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("salesforce.jwt.private-key-file must be an unencrypted PKCS#8 PEM key"
                    + " (-----BEGIN PRIVATE KEY-----); convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
