package org.consentledger.notice;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.ledger.RecordSource;
import org.consentledger.verify.Leaves;

/** Rendered notices as ledger records (source rendered_notice, record format version 1): see {@link StoredRendering#record}. */
@ApplicationScoped
class RenderedNoticeRecords implements RecordSource {

    private final RenderedNotices notices;

    RenderedNoticeRecords(RenderedNotices notices) {
        this.notices = notices;
    }

    @Override
    public String source() {
        return Leaves.RENDERED_NOTICE;
    }

    @Override
    public Map<String, Map<String, Object>> records(Connection c, List<String> keys) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        notices.findAll(c, keys).forEach(r -> out.put(r.noticeId(), r.record()));
        return out;
    }
}
