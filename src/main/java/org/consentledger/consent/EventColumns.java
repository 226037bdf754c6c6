package org.consentledger.consent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
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
    public record Column<T>(String name, String type, Binder bind, Reader<T> reader) {

        T read(ResultSet rs) throws SQLException {
            return reader.read(rs, name);
        }

        boolean isArray() {
            return type.endsWith("[]");
        }
    }

    /** The value a new event writes into the column; the batch's dictionary ids for the columns that name them. */
    interface Binder {
        Object bind(NewEvent event, EventTexts.Ids texts);
    }

    interface Reader<T> {
        T read(ResultSet rs, String column) throws SQLException;
    }

    static final Column<UUID> EVENT_ID = new Column<>("event_id", "uuid", plain(NewEvent::eventId), EventColumns::uuid);
    static final Column<UUID> SITE_ID = new Column<>("site_id", "uuid", plain(NewEvent::siteId), EventColumns::uuid);
    static final Column<UUID> VISITOR_ID = new Column<>("visitor_id", "uuid", plain(e -> e.stated().visitorId()),
            EventColumns::uuid);
    static final Column<EventType> TYPE = new Column<>("type", "text", plain(e -> e.stated().type().name()),
            (rs, c) -> EventType.valueOf(rs.getString(c)));
    static final Column<List<UUID>> DOCUMENT_VERSION_IDS = new Column<>("document_version_ids", "uuid[]",
            plain(e -> arrayLiteral(e.stated().documentVersionIds())), EventColumns::uuids);
    static final Column<List<String>> CATEGORIES = new Column<>("categories", "text[]",
            plain(e -> arrayLiteral(e.stated().categories())), EventColumns::strings);
    static final Column<String> BASIS = new Column<>("basis", "text", plain(e -> e.outcome().basis().name()),
            ResultSet::getString);
    /**
     * Every new event's outcome travels with the batch, where the decisions take it from; the row
     * keeps it only when the dictionary does not ({@link #insertedValue}).
     */
    static final Column<Outcome> OUTCOME = new Column<>("outcome", "jsonb", plain(e -> Outcomes.json(e.outcome())),
            (rs, c) -> Outcomes.parse(rs.getString(c)));
    static final Column<String> COUNTRY = new Column<>("country", "text", plain(e -> e.jurisdiction().country()),
            ResultSet::getString);
    static final Column<Boolean> EEA = new Column<>("eea", "boolean", plain(e -> e.jurisdiction().eea()), ResultSet::getBoolean);
    static final Column<Jurisdiction.Source> JURISDICTION_SOURCE = new Column<>("jurisdiction_source", "text",
            plain(e -> e.jurisdiction().source().name()), (rs, c) -> Jurisdiction.Source.valueOf(rs.getString(c)));
    static final Column<String> REGION = new Column<>("region", "text", plain(e -> e.jurisdiction().region()),
            ResultSet::getString);
    public static final Column<String> REGIME = new Column<>("regime", "text", plain(e -> e.jurisdiction().regime()),
            ResultSet::getString);
    public static final Column<Integer> RULES_VERSION = new Column<>("rules_version", "integer",
            plain(e -> e.jurisdiction().rulesVersion()), (rs, c) -> rs.getObject(c, Integer.class));
    /** Inline only for a text the dictionary does not hold (events from before V26 have only this). */
    static final Column<String> PAGE_URL = new Column<>("page_url", "text",
            (e, texts) -> texts == null || texts.pageUrl(e) == null ? e.stated().pageUrl() : null,
            ResultSet::getString);
    static final Column<String> LANGUAGE = new Column<>("language", "text", plain(e -> e.stated().language()),
            ResultSet::getString);
    static final Column<String> USER_AGENT = new Column<>("user_agent", "text",
            (e, texts) -> texts == null || texts.userAgent(e) == null ? e.userAgent() : null, ResultSet::getString);
    static final Column<Long> PAGE_URL_ID = new Column<>("page_url_id", "bigint",
            (e, texts) -> texts == null ? null : texts.pageUrl(e), (rs, c) -> rs.getObject(c, Long.class));
    static final Column<Long> USER_AGENT_ID = new Column<>("user_agent_id", "bigint",
            (e, texts) -> texts == null ? null : texts.userAgent(e), (rs, c) -> rs.getObject(c, Long.class));
    static final Column<Long> OUTCOME_ID = new Column<>("outcome_id", "bigint",
            (e, texts) -> texts == null ? null : texts.outcome(e), (rs, c) -> rs.getObject(c, Long.class));
    /** Inline only for a GPP string the dictionary does not hold. */
    static final Column<String> GPP = new Column<>("gpp", "text",
            (e, texts) -> texts == null || texts.gpp(e) == null ? e.stated().gppString() : null, ResultSet::getString);
    static final Column<Long> GPP_ID = new Column<>("gpp_id", "bigint",
            (e, texts) -> texts == null ? null : texts.gpp(e), (rs, c) -> rs.getObject(c, Long.class));
    static final Column<String> IP_PREFIX = new Column<>("ip_prefix", "text", plain(NewEvent::ipPrefix), ResultSet::getString);
    static final Column<Boolean> GPC = new Column<>("gpc", "boolean", plain(e -> e.stated().gpc()), ResultSet::getBoolean);
    static final Column<OffsetDateTime> CLIENT_TIME = new Column<>("client_time", "timestamptz",
            plain(e -> e.stated().clientTime() == null ? null : e.stated().clientTime().toInstant().toString()),
            EventColumns::timestamp);
    static final Column<Instant> RECEIVED_AT = new Column<>("received_at", "timestamptz",
            plain(e -> e.receivedAt().toString()), (rs, c) -> timestamp(rs, c).toInstant());
    static final Column<String> NOTICE_ID = new Column<>("notice_id", "text", plain(e -> e.stated().noticeId()),
            ResultSet::getString);
    static final Column<LocalDate> RETAIN_UNTIL = new Column<>("retain_until", "date", plain(e -> e.retainUntil().toString()),
            (rs, c) -> rs.getObject(c, LocalDate.class));
    static final Column<String> REQUEST_HASH = new Column<>("request_hash", "text", plain(NewEvent::requestHash),
            ResultSet::getString);

    /** Every column an insert writes, in insert order. */
    public static final List<Column<?>> WRITTEN = List.of(EVENT_ID, SITE_ID, VISITOR_ID, TYPE, DOCUMENT_VERSION_IDS,
            CATEGORIES, BASIS, OUTCOME, COUNTRY, EEA, JURISDICTION_SOURCE, REGION, REGIME, RULES_VERSION, PAGE_URL,
            LANGUAGE, USER_AGENT, IP_PREFIX, GPC, CLIENT_TIME, RECEIVED_AT, REQUEST_HASH, NOTICE_ID, RETAIN_UNTIL,
            PAGE_URL_ID, USER_AGENT_ID, OUTCOME_ID, GPP, GPP_ID);

    /**
     * The select list for {@link #read}: every written column, the row id and the site key. The
     * ledger leaf is not joined in: {@link EventLeaves} attaches it.
     */
    public static final String SELECT = "e.id, s.site_key, "
            + WRITTEN.stream().filter(c -> c != PAGE_URL_ID && c != USER_AGENT_ID && c != OUTCOME_ID && c != GPP_ID)
                    .map(EventColumns::selected).collect(Collectors.joining(", "));

    /** Events with their site and their dictionary texts. */
    public static final String FROM = "consent_event e join site s on s.id = e.site_id "
            + "left join event_text pu on pu.id = e.page_url_id left join event_text ua on ua.id = e.user_agent_id "
            + "left join event_text gp on gp.id = e.gpp_id"
            + outcomeJoin("e");

    /** The condition "this event changes the visitor's consent", from {@link EventType#changesConsent()}. */
    public static final String CHANGES_CONSENT = Arrays.stream(EventType.values())
            .filter(EventType::changesConsent)
            .map(type -> "'" + type.name() + "'")
            .collect(Collectors.joining(", ", "e.type in (", ")"));

    private EventColumns() {
    }

    /** Reads one row selected with {@link #SELECT} from {@link #FROM}, without its leaf ({@link EventLeaves#attach}). */
    public static StoredEvent read(ResultSet rs) throws SQLException {
        EventRequest stated = new EventRequest(EVENT_ID.read(rs), VISITOR_ID.read(rs), TYPE.read(rs),
                DOCUMENT_VERSION_IDS.read(rs), CATEGORIES.read(rs), PAGE_URL.read(rs), LANGUAGE.read(rs),
                CLIENT_TIME.read(rs), GPC.read(rs), NOTICE_ID.read(rs), GPP.read(rs));
        NewEvent event = new NewEvent(SITE_ID.read(rs), rs.getString("site_key"), stated, OUTCOME.read(rs),
                new Jurisdiction(COUNTRY.read(rs), REGION.read(rs), EEA.read(rs), JURISDICTION_SOURCE.read(rs),
                        REGIME.read(rs), RULES_VERSION.read(rs)), USER_AGENT.read(rs),
                IP_PREFIX.read(rs), RECEIVED_AT.read(rs), REQUEST_HASH.read(rs), RETAIN_UNTIL.read(rs));
        return new StoredEvent(rs.getLong("id"), event, null, null);
    }

    /**
     * The outcome, as jsonb, of the rows under {@code alias} that carry consent_event's outcome and
     * outcome_id: the dictionary's entry where the row names one (V28), else the inline column.
     * Needs {@link #outcomeJoin} of the same alias in the FROM clause.
     */
    public static String outcome(String alias) {
        return "coalesce(" + alias + "_oc.value::jsonb, " + alias + ".outcome)";
    }

    /** The join {@link #outcome} reads the dictionary through. */
    public static String outcomeJoin(String alias) {
        return " left join event_text " + alias + "_oc on " + alias + "_oc.id = " + alias + ".outcome_id";
    }

    /** What the insert writes into {@code column} from the batch row {@code alias}: the outcome only where the dictionary has none. */
    static String insertedValue(Column<?> column, String alias) {
        if (column == OUTCOME) {
            return "case when " + alias + ".outcome_id is null then " + alias + ".outcome end";
        }
        return alias + "." + column.name();
    }

    /** A column as {@link #SELECT} reads it: the dictionary's text where the event names an entry. */
    private static String selected(Column<?> column) {
        if (column == OUTCOME) {
            return "coalesce(e_oc.value, e.outcome::text) as outcome";
        }
        if (column == PAGE_URL) {
            return "coalesce(pu.value, e.page_url) as page_url";
        }
        if (column == USER_AGENT) {
            return "coalesce(ua.value, e.user_agent) as user_agent";
        }
        if (column == GPP) {
            return "coalesce(gp.value, e.gpp) as gpp";
        }
        return "e." + column.name();
    }

    private static Binder plain(Function<NewEvent, Object> value) {
        return (event, texts) -> value.apply(event);
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
