package org.consentledger.ledger.proof;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.ledger.LedgerConfig;
import org.consentledger.ledger.LedgerKeys;
import org.consentledger.support.Api;
import org.consentledger.support.Ledger;
import org.consentledger.support.Rows;
import org.consentledger.support.SqlRecorder;
import org.consentledger.support.SqlRecorder.Recorded;
import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Leaves;
import org.consentledger.verify.Merkle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A proof reads all the Merkle nodes it needs in one query, however many it needs. */
@Tag("database")
@QuarkusTest
class ProofServiceTest {

    @Inject
    DataSource dataSource;

    @Inject
    LedgerKeys keys;

    @Inject
    LedgerConfig config;

    @Test
    void anInclusionProofReadsTheCheckpointTheLeafAndAllItsNodesInThreeQueries() throws Exception {
        String siteKey = Api.siteWithPolicies();
        UUID eventId = postEvent(siteKey);
        Ledger.awaitInclusion(eventId);
        ProofService proofs = new ProofService(SqlRecorder.recording(dataSource), keys, config);
        String recordKey = Rows.eventRecordKey(siteKey, eventId);

        Recorded<ProofViews.InclusionProof> recorded = SqlRecorder.record(
                () -> proofs.inclusionProof(Leaves.CONSENT_EVENT, recordKey, null, null));

        System.out.printf("Inclusion proof of %d hashes: %d statements %s%n", recorded.result().proof().size(),
                recorded.statements().size(), recorded.statements());
        ProofViews.InclusionProof proof = recorded.result();
        assertThat(proof.proof()).as("a proof of several nodes").hasSizeGreaterThan(1);
        assertThat(recorded.statements()).hasSize(3);
        assertThat(recorded.count("ledger_node")).isEqualTo(1);
        Checkpoint checkpoint = Checkpoint.verify(proof.checkpoint(), keys.verifierKey());
        assertThat(Merkle.verifyInclusion(Base64.getDecoder().decode(proof.leafHash()), proof.seq(), proof.treeSize(),
                decode(proof.proof()), checkpoint.rootHash())).isTrue();
    }

    @Test
    void aConsistencyProofReadsAllItsNodesInOneQuery() throws Exception {
        String siteKey = Api.siteWithPolicies();
        long older = Ledger.awaitInclusion(postEvent(siteKey)).getLong("treeSize");
        long newer = Ledger.awaitInclusion(postEvent(siteKey)).getLong("treeSize");
        ProofService proofs = new ProofService(SqlRecorder.recording(dataSource), keys, config);

        Recorded<ProofViews.ConsistencyProof> recorded = SqlRecorder.record(() -> proofs.consistencyProof(older, newer));

        ProofViews.ConsistencyProof proof = recorded.result();
        assertThat(recorded.statements()).hasSize(3); // the two checkpoints and the nodes
        assertThat(recorded.count("ledger_node")).isEqualTo(1);
        Checkpoint from = Checkpoint.verify(proof.fromCheckpoint(), keys.verifierKey());
        Checkpoint to = Checkpoint.verify(proof.toCheckpoint(), keys.verifierKey());
        assertThat(Merkle.verifyConsistency(older, newer, from.rootHash(), to.rootHash(), decode(proof.proof()))).isTrue();
    }

    @Test
    void nodesBelowLevelFourAreNotStoredAndTheProofsThatNeedThemStillVerify() throws Exception {
        String siteKey = Api.siteWithPolicies();
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(postEvent(siteKey));
        }
        List<Long> sizes = new ArrayList<>();
        for (UUID eventId : events) {
            sizes.add(Ledger.awaitInclusion(eventId).getLong("treeSize"));
        }
        ProofService proofs = new ProofService(dataSource, keys, config);

        for (UUID eventId : events) {
            ProofViews.InclusionProof proof = proofs.inclusionProof(Leaves.CONSENT_EVENT,
                    Rows.eventRecordKey(siteKey, eventId), null, null);
            Checkpoint checkpoint = Checkpoint.verify(proof.checkpoint(), keys.verifierKey());
            assertThat(Merkle.verifyInclusion(Base64.getDecoder().decode(proof.leafHash()), proof.seq(), proof.treeSize(),
                    decode(proof.proof()), checkpoint.rootHash())).as("inclusion of leaf %d", proof.seq()).isTrue();
        }
        long older = sizes.get(0);
        long newer = sizes.get(sizes.size() - 1);
        if (older < newer) {
            ProofViews.ConsistencyProof proof = proofs.consistencyProof(older, newer);
            assertThat(Merkle.verifyConsistency(older, newer, Checkpoint.verify(proof.fromCheckpoint(), keys.verifierKey())
                    .rootHash(), Checkpoint.verify(proof.toCheckpoint(), keys.verifierKey()).rootHash(),
                    decode(proof.proof()))).isTrue();
        }
        assertThat(Rows.count(dataSource, "select count(*) from ledger_node where level < 4")).isZero();
        // Leaves and their nodes are appended in one transaction, so one statement sees both alike.
        assertThat(Rows.count(dataSource, "select count(*) from ledger_node where level = 4")).isPositive();
        assertThat(Rows.count(dataSource, "select (select count(*) from ledger_node where level = 4) "
                + "- (select count(*) / 16 from ledger_leaf)")).isZero();
    }

    private static List<byte[]> decode(List<String> hashes) {
        return hashes.stream().map(Base64.getDecoder()::decode).toList();
    }

    private static UUID postEvent(String siteKey) {
        Map<String, Object> event = Api.event("ACCEPT_ALL");
        given().contentType("application/json").body(event).post("/api/v1/sites/" + siteKey + "/events")
                .then().statusCode(201);
        return UUID.fromString((String) event.get("eventId"));
    }
}
