package org.consentledger.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.consentledger.common.Pem;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * With dev tokens enabled (profile "local" and dev mode): creates the RSA key pair for dev tokens
 * in data/dev-jwt at first start and keeps it, so tokens survive restarts. Production keys come
 * from configuration and are never generated.
 */
@ApplicationScoped
public class DevKeys {

    static final Path DIR = Path.of("data", "dev-jwt");

    void ensureKeys(@Observes StartupEvent event, DevTokensConfig config) {
        if (!config.enabled()) {
            return;
        }
        Path privateKey = DIR.resolve("private.pem");
        Path publicKey = DIR.resolve("public.pem");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(DIR);
            Files.writeString(privateKey, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
            Log.infof("Generated a dev token signing key in %s", DIR.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
