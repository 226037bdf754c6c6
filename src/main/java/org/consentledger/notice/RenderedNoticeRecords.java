package org.consentledger.notice;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.ledger.RecordSource;
import org.consentledger.verify.Leaves;

/** Rendered notices as ledger records (source rendered_notice, record format version 1): see {@link StoredRendering#record}. */
@ApplicationScoped
class RenderedNoticeRecords implements RecordSource {

    @Inject RenderedNotices notices;

    @Override
    public String source() {
        return Leaves.RENDERED_NOTICE;
    }

    @Override
    public Map<String, Map<String, Object>> records(Connection c, List<String> keys) throws SQLException {
        return RecordSource.byKey(notices.findAll(c, keys), StoredRendering::noticeId, StoredRendering::record);
    }
}
