package org.consentledger.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The dictionary of user agents, page URLs (event_text, V26), outcomes (V28) and GPP strings (V29): the id each event
 * names instead of the text. Ids are held in memory with the day their entry is kept until; an entry is used
 * from memory only while it is kept at least as long as the event, so retention, which deletes an
 * entry only once that day has passed, never deletes one an event is being written with. The
 * rest are written, or their keep_until raised, in one statement of their own transaction before
 * the events' transaction: an entry whose events then fail is deleted by retention in its time.
 */
@ApplicationScoped
public class EventTexts {

    /**
     * Entries, and characters of their values, held in memory at most: a caller chooses its page
     * URLs (up to 2,048 characters each). Past either, the memory starts again empty; values
     * repeat, so it refills fast.
     */
    static final int MAX_HELD = 50_000;
    static final long MAX_HELD_CHARS = 8_000_000;

    /** The user_agent column's width. */
    static final int MAX_USER_AGENT = 512;

    static final char USER_AGENT = 'U';
    static final char PAGE_URL = 'P';
    static final char OUTCOME = 'O';
    static final char GPP = 'G';

    /** event_text's width for a value. An outcome's JSON is far shorter unless a site has hundreds of categories. */
    static final int MAX_VALUE = 2048;

    private static final String UPSERT = "insert into event_text (site_id, kind, value, keep_until) "
            + "select * from unnest(?::uuid[], ?::char[], ?::text[], ?::date[]) "
            + "on conflict (site_id, kind, event_text_digest(value)) "
            + "do update set keep_until = greatest(event_text.keep_until, excluded.keep_until) "
            + "returning site_id, kind, value, id, keep_until";

    record Key(UUID siteId, char kind, String value) {
    }

    private record Held(long id, LocalDate keepUntil) {
    }

    /** The ids of one batch's texts: null for an event that has none of that kind, or one written inline. */
    public static final class Ids {

        private final Map<Key, Long> byKey;

        private Ids(Map<Key, Long> byKey) {
            this.byKey = byKey;
        }

        Long userAgent(NewEvent event) {
            return byKey.get(userAgentOf(event));
        }

        Long pageUrl(NewEvent event) {
            return byKey.get(pageUrlOf(event));
        }

        Long outcome(NewEvent event) {
            return byKey.get(outcomeOf(event));
        }

        Long gpp(NewEvent event) {
            return byKey.get(gppOf(event));
        }
    }

    private final Map<Key, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong heldChars = new AtomicLong();
    private final int maxHeld;
    private final long maxHeldChars;

    EventTexts() {
        this(MAX_HELD, MAX_HELD_CHARS);
    }

    EventTexts(int maxHeld, long maxHeldChars) {
        this.maxHeld = maxHeld;
        this.maxHeldChars = maxHeldChars;
    }

    /** The ids of every event's user agent, page URL, outcome and GPP string, writing the entries memory cannot vouch for. */
    public Ids resolve(Connection c, List<NewEvent> events) throws SQLException {
        Map<Key, Long> found = new HashMap<>();
        Map<Key, LocalDate> missing = new LinkedHashMap<>();
        for (NewEvent event : events) {
            need(userAgentOf(event), event.retainUntil(), found, missing);
            need(pageUrlOf(event), event.retainUntil(), found, missing);
            need(outcomeOf(event), event.retainUntil(), found, missing);
            need(gppOf(event), event.retainUntil(), found, missing);
        }
        if (!missing.isEmpty()) {
            write(c, missing, found);
            if (!found.keySet().containsAll(missing.keySet())) {
                throw new IllegalStateException("event_text returned no id for a value it was given");
            }
        }
        return new Ids(found);
    }

    private static Key userAgentOf(NewEvent event) {
        return new Key(event.siteId(), USER_AGENT, event.userAgent());
    }

    private static Key pageUrlOf(NewEvent event) {
        return new Key(event.siteId(), PAGE_URL, event.stated().pageUrl());
    }

    private static Key outcomeOf(NewEvent event) {
        return new Key(event.siteId(), OUTCOME, event.outcome() == null ? null : Outcomes.json(event.outcome()));
    }

    private static Key gppOf(NewEvent event) {
        return new Key(event.siteId(), GPP, event.stated().gppString());
    }

    int heldCount() {
        return held.size();
    }

    long heldChars() {
        return heldChars.get();
    }

    private void need(Key key, LocalDate keepUntil, Map<Key, Long> found, Map<Key, LocalDate> missing) {
        if (!fits(key)) {
            return;
        }
        Held known = held.get(key);
        if (known == null || known.keepUntil().isBefore(keepUntil)) {
            missing.merge(key, keepUntil, (a, b) -> a.isAfter(b) ? a : b);
        } else {
            found.put(key, known.id());
        }
    }

    /**
     * A value wider than its old inline column stays out of the dictionary: its event is written
     * with the text inline, where the database refuses it for that row alone, as before V26.
     */
    private static boolean fits(Key key) {
        return key.value() != null
                && key.value().length() <= switch (key.kind()) {
                    case USER_AGENT -> MAX_USER_AGENT;
                    case PAGE_URL -> PageUrls.MAX_LENGTH;
                    default -> MAX_VALUE;
                };
    }

    private void write(Connection c, Map<Key, LocalDate> missing, Map<Key, Long> found) throws SQLException {
        List<Object> sites = new ArrayList<>();
        List<Object> kinds = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<Object> keepUntil = new ArrayList<>();
        missing.forEach((key, day) -> {
            sites.add(key.siteId());
            kinds.add(String.valueOf(key.kind()));
            values.add(key.value());
            keepUntil.add(day.toString());
        });
        long chars = missing.keySet().stream().mapToLong(key -> key.value().length()).sum();
        if (held.size() + missing.size() > maxHeld || heldChars.get() + chars > maxHeldChars) {
            held.clear();
            heldChars.set(0);
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setArray(1, c.createArrayOf("uuid", sites.toArray()));
            ps.setArray(2, c.createArrayOf("text", kinds.toArray()));
            ps.setArray(3, c.createArrayOf("text", values.toArray()));
            ps.setArray(4, c.createArrayOf("text", keepUntil.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Key key = new Key(rs.getObject(1, UUID.class), rs.getString(2).charAt(0), rs.getString(3));
                    found.put(key, rs.getLong(4));
                    if (held.put(key, new Held(rs.getLong(4), rs.getObject(5, LocalDate.class))) == null) {
                        heldChars.addAndGet(key.value().length());
                    }
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
