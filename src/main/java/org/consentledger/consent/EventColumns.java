package org.consentledger.consent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.consentledger.jurisdiction.Jurisdiction;

/**
 * The columns of consent_event, described once: name, PostgreSQL type, how a new event binds
 * it and how a row reads it back. The group-commit insert, every reader and the audit's queries
 * take their column lists from here.
 */
public final class EventColumns {

    /** One column. {@code type} is what the bound value is cast to; array types travel as text literals. */
    public record Column<T>(String name, String type, Function<NewEvent, Object> bind, Reader<T> reader) {

        T read(ResultSet rs) throws SQLException {
            return reader.read(rs, name);
        }

        boolean isArray() {
            return type.endsWith("[]");
        }
    }

    interface Reader<T> {
        T read(ResultSet rs, String column) throws SQLException;
    }

    static final Column<UUID> EVENT_ID = new Column<>("event_id", "uuid", NewEvent::eventId, EventColumns::uuid);
    static final Column<UUID> SITE_ID = new Column<>("site_id", "uuid", NewEvent::siteId, EventColumns::uuid);
    static final Column<UUID> VISITOR_ID = new Column<>("visitor_id", "uuid", e -> e.stated().visitorId(),
            EventColumns::uuid);
    static final Column<EventType> TYPE = new Column<>("type", "text", e -> e.stated().type().name(),
            (rs, c) -> EventType.valueOf(rs.getString(c)));
    static final Column<List<UUID>> DOCUMENT_VERSION_IDS = new Column<>("document_version_ids", "uuid[]",
            e -> arrayLiteral(e.stated().documentVersionIds()), EventColumns::uuids);
    static final Column<List<String>> CATEGORIES = new Column<>("categories", "text[]",
            e -> arrayLiteral(e.stated().categories()), EventColumns::strings);
    static final Column<String> BASIS = new Column<>("basis", "text", e -> e.outcome().basis().name(),
            ResultSet::getString);
    static final Column<Outcome> OUTCOME = new Column<>("outcome", "jsonb", e -> Outcomes.json(e.outcome()),
            (rs, c) -> Outcomes.parse(rs.getString(c)));
    static final Column<String> COUNTRY = new Column<>("country", "text", e -> e.jurisdiction().country(),
            ResultSet::getString);
    static final Column<Boolean> EEA = new Column<>("eea", "boolean", e -> e.jurisdiction().eea(), ResultSet::getBoolean);
    static final Column<Jurisdiction.Source> JURISDICTION_SOURCE = new Column<>("jurisdiction_source", "text",
            e -> e.jurisdiction().source().name(), (rs, c) -> Jurisdiction.Source.valueOf(rs.getString(c)));
    static final Column<String> REGION = new Column<>("region", "text", e -> e.jurisdiction().region(),
            ResultSet::getString);
    public static final Column<String> REGIME = new Column<>("regime", "text", e -> e.jurisdiction().regime(),
            ResultSet::getString);
    public static final Column<Integer> RULES_VERSION = new Column<>("rules_version", "integer",
            e -> e.jurisdiction().rulesVersion(), (rs, c) -> rs.getObject(c, Integer.class));
    static final Column<String> PAGE_URL = new Column<>("page_url", "text", e -> e.stated().pageUrl(),
            ResultSet::getString);
    static final Column<String> LANGUAGE = new Column<>("language", "text", e -> e.stated().language(),
            ResultSet::getString);
    static final Column<String> USER_AGENT = new Column<>("user_agent", "text", NewEvent::userAgent, ResultSet::getString);
    static final Column<String> IP_PREFIX = new Column<>("ip_prefix", "text", NewEvent::ipPrefix, ResultSet::getString);
    static final Column<Boolean> GPC = new Column<>("gpc", "boolean", e -> e.stated().gpc(), ResultSet::getBoolean);
    static final Column<OffsetDateTime> CLIENT_TIME = new Column<>("client_time", "timestamptz",
            e -> e.stated().clientTime() == null ? null : e.stated().clientTime().toInstant().toString(),
            EventColumns::timestamp);
    static final Column<Instant> RECEIVED_AT = new Column<>("received_at", "timestamptz",
            e -> e.receivedAt().toString(), (rs, c) -> timestamp(rs, c).toInstant());
    static final Column<String> NOTICE_ID = new Column<>("notice_id", "text", e -> e.stated().noticeId(),
            ResultSet::getString);
    static final Column<LocalDate> RETAIN_UNTIL = new Column<>("retain_until", "date", e -> e.retainUntil().toString(),
            (rs, c) -> rs.getObject(c, LocalDate.class));
    static final Column<String> REQUEST_HASH = new Column<>("request_hash", "text", NewEvent::requestHash,
            ResultSet::getString);

    /** Every column an insert writes, in insert order. */
    public static final List<Column<?>> WRITTEN = List.of(EVENT_ID, SITE_ID, VISITOR_ID, TYPE, DOCUMENT_VERSION_IDS,
            CATEGORIES, BASIS, OUTCOME, COUNTRY, EEA, JURISDICTION_SOURCE, REGION, REGIME, RULES_VERSION, PAGE_URL,
            LANGUAGE, USER_AGENT, IP_PREFIX, GPC, CLIENT_TIME, RECEIVED_AT, REQUEST_HASH, NOTICE_ID, RETAIN_UNTIL);

    /** The select list for {@link #read}: every written column, the row id, the site key and the ledger leaf. */
    public static final String SELECT = "e.id, s.site_key, l.seq as ledger_seq, l.leaf_hash, "
            + WRITTEN.stream().map(c -> "e." + c.name()).collect(Collectors.joining(", "));

    /** Events with their site and, when the sequencer has reached them, their ledger leaf. */
    public static final String FROM = "consent_event e join site s on s.id = e.site_id left join ledger_leaf l "
            + "on l.source = 'consent_event' and l.record_key = e.event_id::text";

    /** The condition "this event changes the visitor's consent", from {@link EventType#changesConsent()}. */
    public static final String CHANGES_CONSENT = Arrays.stream(EventType.values())
            .filter(EventType::changesConsent)
            .map(type -> "'" + type.name() + "'")
            .collect(Collectors.joining(", ", "e.type in (", ")"));

    private EventColumns() {
    }

    /** Reads one row selected with {@link #SELECT} from {@link #FROM}. */
    public static StoredEvent read(ResultSet rs) throws SQLException {
        EventRequest stated = new EventRequest(EVENT_ID.read(rs), VISITOR_ID.read(rs), TYPE.read(rs),
                DOCUMENT_VERSION_IDS.read(rs), CATEGORIES.read(rs), PAGE_URL.read(rs), LANGUAGE.read(rs),
                CLIENT_TIME.read(rs), GPC.read(rs), NOTICE_ID.read(rs));
        NewEvent event = new NewEvent(SITE_ID.read(rs), rs.getString("site_key"), stated, OUTCOME.read(rs),
                new Jurisdiction(COUNTRY.read(rs), REGION.read(rs), EEA.read(rs), JURISDICTION_SOURCE.read(rs),
                        REGIME.read(rs), RULES_VERSION.read(rs)), USER_AGENT.read(rs),
                IP_PREFIX.read(rs), RECEIVED_AT.read(rs), REQUEST_HASH.read(rs), RETAIN_UNTIL.read(rs));
        byte[] leafHash = rs.getBytes("leaf_hash");
        return new StoredEvent(rs.getLong("id"), event, rs.getObject("ledger_seq", Long.class),
                leafHash == null ? null : Base64.getEncoder().encodeToString(leafHash));
    }

    /** Category keys and UUIDs need no quoting in a PostgreSQL array literal. */
    private static String arrayLiteral(List<?> values) {
        return values == null ? null : values.stream().map(Object::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static OffsetDateTime timestamp(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }
}
