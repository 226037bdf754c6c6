package org.consentledger.identity;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one owner of site_pseudonym_secret: each site's secret for hashing account ids, made the
 * first time the site needs one. A secret never changes, so once read it is kept in memory. It
 * leaves this class only towards {@link UserIds}: no export, log line or answer carries it.
 */
@ApplicationScoped
class PseudonymSecrets {

    static final int SECRET_BYTES = 32;

    private static final String READ = "select secret from site_pseudonym_secret where site_id = ?";
    private static final String CREATE = "insert into site_pseudonym_secret (site_id, secret, created_at) "
            + "values (?, ?, ?) on conflict (site_id) do nothing";

    private final DataSource dataSource;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, byte[]> known = new ConcurrentHashMap<>();

    PseudonymSecrets(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * The site's secret. A new one is committed in a transaction of its own before it is used, so
     * a caller's transaction that rolls back cannot leave a hash made with a secret that was
     * never stored; of two replicas making one at once, the first to commit wins for both.
     */
    byte[] of(UUID siteId) {
        return known.computeIfAbsent(siteId, id -> QuarkusTransaction.requiringNew().call(() -> readOrCreate(id)));
    }

    private byte[] readOrCreate(UUID siteId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            byte[] secret = read(c, siteId);
            if (secret != null) {
                return secret;
            }
            byte[] fresh = new byte[SECRET_BYTES];
            random.nextBytes(fresh);
            try (PreparedStatement ps = c.prepareStatement(CREATE)) {
                ps.setObject(1, siteId);
                ps.setBytes(2, fresh);
                ps.setObject(3, OffsetDateTime.now(clock));
                ps.executeUpdate();
            }
            return read(c, siteId);
        }
    }

    private static byte[] read(Connection c, UUID siteId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setObject(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }
}
