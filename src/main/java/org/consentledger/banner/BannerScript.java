package org.consentledger.banner;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.common.ClasspathResources;
import org.consentledger.common.Hashing;

/** The drop-in banner script this build serves, and the fingerprint every rendered notice names. */
@ApplicationScoped
public class BannerScript {

    public static final String PATH = "/banner/v1/banner.js";
    static final String CLASSPATH_LOCATION = "banner/v1/banner.js";

    private final byte[] bytes = ClasspathResources.read(CLASSPATH_LOCATION);
    private final String sha256 = Hashing.sha256Hex(bytes);

    byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex SHA-256 of the script. */
    public String sha256() {
        return sha256;
    }
}
