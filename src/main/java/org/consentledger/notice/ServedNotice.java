package org.consentledger.notice;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an event naming a noticeId is checked against: the site that served the notice, the
 * regime it was rendered for, and the policy versions it listed, in order.
 */
public record ServedNotice(UUID siteId, String regime, List<UUID> documentIds) {

    /** The facts of a rendering (see NoticeRendering), as served or as read back from its stored JSON. */
    @SuppressWarnings("unchecked")
    static ServedNotice of(UUID siteId, Map<String, Object> rendering) {
        List<Map<String, Object>> documents = (List<Map<String, Object>>) rendering.get("documents");
        return new ServedNotice(siteId, (String) rendering.get("regime"),
                documents.stream().map(d -> UUID.fromString((String) d.get("id"))).toList());
    }
}
