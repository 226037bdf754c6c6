package org.consentledger.verify;

/**
 * Golden vectors of the ledger's record format version 1: records of every source, exactly as the
 * ledger hashes them (canonical JSON). Every deployed ledger is verified against this format, so
 * these strings change only with a new format version, never to make a test pass.
 *
 * <p>The values are chosen to pin the details a refactor could change without noticing: keys in
 * code-point order, a null kept as {@code null} rather than dropped, a control character escaped
 * as a backslash, {@code u} and four lower-case hex digits, non-ASCII text as plain UTF-8,
 * instants in UTC with the fraction ISO-8601 prints (none, milli- or microseconds), integers
 * inside stored JSON, and an id above 2^53 that a double would round.
 */
public final class GoldenRecords {

    public static final String SITE_ID = "f0000000-0000-4000-8000-000000000001";
    public static final String SITE_KEY = "golden-v1";
    public static final String POLICY_VERSION_ID = "10000000-0000-4000-8000-000000000001";
    public static final String EVENT_ID = "e0000000-0000-4000-8000-000000000001";
    public static final String VISITOR_ID = "a0000000-0000-4000-8000-000000000001";
    public static final long ADMIN_LOG_ID = 9_007_199_254_740_993L;

    /** A policy version's fingerprint, over the text below (PolicyFingerprint, version 1). */
    public static final String POLICY_SHA256 = "5c0c4c0e8c5ed60af67597748e8f9fe1b8f53262c2464b90d3cbc29a503bdfcd";

    public static final String CONSENT_EVENT = "{\"categories\":[\"analytics\"],"
            + "\"clientTime\":\"2026-01-31T12:00:00Z\","
            + "\"documentVersionIds\":[\"10000000-0000-4000-8000-000000000001\"],"
            + "\"eventId\":\"e0000000-0000-4000-8000-000000000001\","
            + "\"gpc\":true,"
            + "\"ipPrefix\":\"203.0.113.0/24\","
            + "\"jurisdiction\":{\"country\":\"DE\",\"eea\":true,\"source\":\"HEADER\"},"
            + "\"language\":null,"
            + "\"outcome\":{\"acknowledged\":[\"10000000-0000-4000-8000-000000000001\"],\"basis\":\"EXPLICIT\","
            + "\"categories\":{\"analytics\":\"GRANTED\",\"functional\":\"DENIED\",\"marketing\":\"DENIED\","
            + "\"necessary\":\"GRANTED\"}},"
            + "\"pageUrl\":\"https://www.example.com/shop/cart\","
            + "\"receivedAt\":\"2026-01-31T12:00:01.250001Z\","
            + "\"siteKey\":\"golden-v1\","
            + "\"type\":\"PREFERENCES_SAVED\","
            + "\"userAgent\":\"Mozilla/5.0 (Golden)\","
            + "\"visitorId\":\"a0000000-0000-4000-8000-000000000001\"}";

    /** An event recorded with regimes: region, regime and rules version, and an opt-out in the outcome. */
    public static final String EVENT_WITH_REGIME_ID = "e0000000-0000-4000-8000-000000000002";
    public static final String CONSENT_EVENT_WITH_REGIME = "{\"categories\":null,"
            + "\"clientTime\":null,"
            + "\"documentVersionIds\":[],"
            + "\"eventId\":\"e0000000-0000-4000-8000-000000000002\","
            + "\"gpc\":true,"
            + "\"ipPrefix\":null,"
            + "\"jurisdiction\":{\"country\":\"US\",\"eea\":false,\"regime\":\"US-OPT-OUT\",\"region\":\"US-CA\","
            + "\"rulesVersion\":1,\"source\":\"HEADER\"},"
            + "\"language\":null,"
            + "\"outcome\":{\"acknowledged\":[],\"basis\":\"IMPLIED\","
            + "\"categories\":{\"marketing\":\"DENIED\",\"necessary\":\"GRANTED\"},\"optOut\":\"GPC\"},"
            + "\"pageUrl\":null,"
            + "\"receivedAt\":\"2026-11-27T12:00:00Z\","
            + "\"siteKey\":\"golden-v1\","
            + "\"type\":\"BANNER_CLOSED\","
            + "\"userAgent\":null,"
            + "\"visitorId\":\"a0000000-0000-4000-8000-000000000001\"}";

    /** An event with the GPP string the banner emitted (V29): the field only where present. */
    public static final String EVENT_WITH_GPP_ID = "e0000000-0000-4000-8000-000000000003";
    public static final String GPP_STRING = "DBABLA~CVQVAAAAAACA.YA";
    public static final String CONSENT_EVENT_WITH_GPP = "{\"categories\":null,"
            + "\"clientTime\":null,"
            + "\"documentVersionIds\":[],"
            + "\"eventId\":\"e0000000-0000-4000-8000-000000000003\","
            + "\"gpc\":true,"
            + "\"gpp\":\"DBABLA~CVQVAAAAAACA.YA\","
            + "\"ipPrefix\":null,"
            + "\"jurisdiction\":{\"country\":\"US\",\"eea\":false,\"regime\":\"US-OPT-OUT\",\"region\":\"US-CA\","
            + "\"rulesVersion\":2,\"source\":\"HEADER\"},"
            + "\"language\":null,"
            + "\"outcome\":{\"acknowledged\":[],\"basis\":\"EXPLICIT\","
            + "\"categories\":{\"marketing\":\"DENIED\",\"necessary\":\"GRANTED\"},\"optOut\":\"GPC\"},"
            + "\"pageUrl\":null,"
            + "\"receivedAt\":\"2026-12-07T12:00:00Z\","
            + "\"siteKey\":\"golden-v1\","
            + "\"type\":\"OPTED_OUT\","
            + "\"userAgent\":null,"
            + "\"visitorId\":\"a0000000-0000-4000-8000-000000000001\"}";

    public static final String POLICY_VERSION = "{\"changeSummary\":null,"
            + "\"content\":\"Line one.\\u000aLine \\\"two\\\", with a \\\\ backslash.\","
            + "\"eeaAddendum\":\"Rights under the GDPR.\","
            + "\"effectiveAt\":\"2026-01-31T12:00:00Z\","
            + "\"id\":\"10000000-0000-4000-8000-000000000001\","
            + "\"kind\":\"PRIVACY_POLICY\","
            + "\"material\":true,"
            + "\"publishedAt\":\"2026-01-31T11:59:59.123Z\","
            + "\"publishedBy\":\"golden-admin\","
            + "\"sha256\":\"5c0c4c0e8c5ed60af67597748e8f9fe1b8f53262c2464b90d3cbc29a503bdfcd\","
            + "\"siteKey\":\"golden-v1\","
            + "\"title\":\"Datenschutzerklärung\","
            + "\"url\":\"https://www.example.com/privacy?lang=de\","
            + "\"version\":\"2026-01\"}";

    public static final String ADMIN_LOG = "{\"action\":\"SITE_UPDATED\","
            + "\"actor\":\"golden-admin\","
            + "\"after\":{\"categories\":[\"analytics\",\"marketing\"],\"name\":\"Golden v1\","
            + "\"origins\":[\"https://www.example.com\",\"https://shop.example.com\"],\"revision\":2},"
            + "\"at\":\"2026-01-31T12:00:02Z\","
            + "\"before\":{\"categories\":[\"analytics\"],\"name\":\"Golden\","
            + "\"origins\":[\"https://www.example.com\"],\"revision\":1},"
            + "\"id\":9007199254740993,"
            + "\"target\":\"golden-v1\","
            + "\"targetType\":\"SITE\"}";

    /**
     * A site's own record of a retention purge (admin log action PURGE_SITE_EVENTS, added with
     * migration V13): what an evidence package shows of a purge, naming no other site. It counts
     * the site's purged events and digests their eventIds (here the one {@link #EVENT_ID}, followed
     * by a line feed); {@code purge} is the id of the whole purge's record.
     */
    public static final long SITE_PURGE_ID = 9_007_199_254_740_995L;
    public static final long PURGE_ID = 9_007_199_254_740_994L;
    public static final String SITE_PURGE = "{\"action\":\"PURGE_SITE_EVENTS\","
            + "\"actor\":\"retention\","
            + "\"after\":{\"eventIdsSha256\":\"3083abfc7e305e20f7717179553b069500cc0c2b1caaf51a22a3d2ba8b2f335d\","
            + "\"events\":1,\"purge\":9007199254740994,\"retainUntil\":\"2026-02-01\","
            + "\"rule\":\"kept until the golden day\"},"
            + "\"at\":\"2026-02-01T03:00:00Z\","
            + "\"before\":null,"
            + "\"id\":9007199254740995,"
            + "\"target\":\"golden-v1\","
            + "\"targetType\":\"SITE\"}";

    /**
     * A version without an EEA addendum, with a control character below the line feed and a
     * publishedAt whose milliseconds end in zero (.120, never .12).
     */
    public static final String COOKIE_POLICY_ID = "10000000-0000-4000-8000-000000000002";
    public static final String COOKIE_POLICY_SHA256 = "970260b6285e637352c4b4c5624a17303bb4e5c2c7bc92ab202429eedb9c17f4";
    public static final String COOKIE_POLICY_VERSION = "{\"changeSummary\":\"Typos\","
            + "\"content\":\"Full text of COOKIE_POLICY 2.0\\u000a\\\"quoted\\\" \\u0007 é\","
            + "\"eeaAddendum\":null,"
            + "\"effectiveAt\":\"2024-05-01T10:00:00Z\","
            + "\"id\":\"10000000-0000-4000-8000-000000000002\","
            + "\"kind\":\"COOKIE_POLICY\","
            + "\"material\":false,"
            + "\"publishedAt\":\"2024-04-30T08:15:30.120Z\","
            + "\"publishedBy\":\"admin@example.com\","
            + "\"sha256\":\"970260b6285e637352c4b4c5624a17303bb4e5c2c7bc92ab202429eedb9c17f4\","
            + "\"siteKey\":\"golden-v1\","
            + "\"title\":\"Cookies\","
            + "\"url\":\"https://www.example.com/cookies\","
            + "\"version\":\"2.0\"}";

    /** The German translation of {@link #COOKIE_POLICY_VERSION}, fingerprinted as its version would be with this text. */
    public static final String TRANSLATION_ID = "20000000-0000-4000-8000-000000000001";
    public static final String TRANSLATION_SHA256 = "263d019b4d43f095644519f8b3976843ff8fc9463f794d69778b458941f198cf";
    public static final String POLICY_TRANSLATION = "{\"content\":\"Text \\\"zitiert\\\" ß\","
            + "\"eeaAddendum\":null,"
            + "\"id\":\"20000000-0000-4000-8000-000000000001\","
            + "\"kind\":\"COOKIE_POLICY\","
            + "\"language\":\"de\","
            + "\"policyVersionId\":\"10000000-0000-4000-8000-000000000002\","
            + "\"publishedAt\":\"2024-04-30T08:15:30.120Z\","
            + "\"publishedBy\":\"admin@example.com\","
            + "\"sha256\":\"263d019b4d43f095644519f8b3976843ff8fc9463f794d69778b458941f198cf\","
            + "\"siteKey\":\"golden-v1\","
            + "\"title\":\"Cookies\","
            + "\"url\":\"https://www.example.com/de/cookies\","
            + "\"version\":\"2.0\"}";

    public static final String BANNER_TEXT_SET_ID = "30000000-0000-4000-8000-000000000001";
    public static final String BANNER_TEXT_SET = "{\"createdAt\":\"2024-05-01T10:00:00Z\","
            + "\"createdBy\":\"admin@example.com\","
            + "\"id\":\"30000000-0000-4000-8000-000000000001\","
            + "\"language\":\"fr-CA\","
            + "\"siteKey\":\"golden-v1\","
            + "\"texts\":{\"close\":\"Fermer\",\"heading\":\"Vos choix\"},"
            + "\"version\":3}";

    /**
     * The numbers of stored JSON as the verifier types them, whatever the database kept: 1.0 and
     * 100.00 hashed as integers, integers beyond a double and beyond a long kept exactly, and a
     * timestamp in microseconds.
     */
    public static final long ADMIN_LOG_NUMBERS_ID = 9_007_199_254_740_996L;
    public static final String ADMIN_LOG_NUMBERS = "{\"action\":\"GOLDEN\","
            + "\"actor\":\"admin@example.com\","
            + "\"after\":{\"big\":9007199254740993,\"huge\":12345678901234567890,\"hundred\":100,"
            + "\"list\":[1,{\"b\":true}],\"n\":7,\"neg\":-3,\"nested\":{\"a\":{},\"z\":[]},\"none\":null,"
            + "\"one\":1,\"s\":\"é \\\"q\\\" \\u0001\"},"
            + "\"at\":\"2024-05-01T10:00:00.123456Z\","
            + "\"before\":{\"name\":\"Old\"},"
            + "\"id\":9007199254740996,"
            + "\"target\":\"golden\","
            + "\"targetType\":\"SITE\"}";

    /**
     * The end of a link (source identity_event, added with migration V18): the account id only as
     * its hash, here HMAC-SHA256 of RFC 4231's test case 2 ({@link #USER_HASH_KEY} over
     * {@link #USER_HASH_ID}), and an instant in microseconds.
     */
    public static final long IDENTITY_EVENT_ID = 9_007_199_254_740_997L;
    public static final String USER_HASH_KEY = "Jefe";
    public static final String USER_HASH_ID = "what do ya want for nothing?";
    public static final String USER_HASH = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    public static final String IDENTITY_EVENT = "{\"actor\":\"crm-backend\","
            + "\"at\":\"2026-02-01T09:30:00.000001Z\","
            + "\"id\":9007199254740997,"
            + "\"siteKey\":\"golden-v1\","
            + "\"type\":\"UNLINKED\","
            + "\"userHash\":\"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843\","
            + "\"visitorId\":\"a0000000-0000-4000-8000-000000000001\"}";

    /**
     * A 2xx answer to a webhook delivery (source webhook_delivery, table webhook_delivery_record,
     * added with migration V20): the endpoint only by its id and the SHA-256 of its whole URL
     * ({@link #WEBHOOK_URL}, query string included), the webhook-id header as sent, the status as
     * answered, and the delivered consent event (its visitor only through the event).
     */
    public static final long WEBHOOK_DELIVERY_ID = 9_007_199_254_740_999L;
    public static final String WEBHOOK_ENDPOINT_ID = "b0000000-0000-4000-8000-000000000001";
    public static final String WEBHOOK_MESSAGE_ID = "c0000000-0000-4000-8000-000000000001";
    public static final String WEBHOOK_URL = "https://hooks.example.com/consent?tenant=7";
    public static final String WEBHOOK_URL_SHA256 = "f5a2dbf24d6ed9a62a39a34c16195c43fb5f66b915d6b59f6514b2e301680bcb";
    public static final String WEBHOOK_DELIVERY = "{\"deliveredAt\":\"2026-01-31T12:00:02.500001Z\","
            + "\"endpointId\":\"b0000000-0000-4000-8000-000000000001\","
            + "\"eventId\":\"e0000000-0000-4000-8000-000000000001\","
            + "\"eventType\":\"consent.changed\","
            + "\"id\":9007199254740999,"
            + "\"siteKey\":\"golden-v1\","
            + "\"statusCode\":204,"
            + "\"urlSha256\":\"f5a2dbf24d6ed9a62a39a34c16195c43fb5f66b915d6b59f6514b2e301680bcb\","
            + "\"webhookId\":\"msg_c0000000-0000-4000-8000-000000000001\"}";

    private GoldenRecords() {
    }
}
