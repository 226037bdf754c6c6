package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** RFC 6962 Merkle hashing, checked against trees worked out by hand and the Certificate Transparency vectors. */
class MerkleTest {

    @Test
    void rootsOfSmallTreesMatchHandComputation() throws Exception {
        byte[] a = leaf("a"), b = leaf("b"), c = leaf("c"), d = leaf("d"), e = leaf("e");
        assertThat(Merkle.root(List.of())).isEqualTo(sha256(new byte[0]));
        assertThat(Merkle.root(List.of(a))).isEqualTo(a);
        assertThat(Merkle.root(List.of(a, b))).isEqualTo(node(a, b));
        // Three leaves: the split is at 2, so c is paired with the subtree of a and b.
        assertThat(Merkle.root(List.of(a, b, c))).isEqualTo(node(node(a, b), c));
        assertThat(Merkle.root(List.of(a, b, c, d))).isEqualTo(node(node(a, b), node(c, d)));
        // Five leaves: the split is at 4, not in the middle.
        assertThat(Merkle.root(List.of(a, b, c, d, e))).isEqualTo(node(node(node(a, b), node(c, d)), e));
    }

    @Test
    void leafAndNodeHashesUseTheDomainSeparationPrefixes() throws Exception {
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        assertThat(Merkle.leafHash(data)).isEqualTo(sha256(new byte[] { 0x00, 'x' }));
        byte[] l = leaf("l"), r = leaf("r");
        byte[] joined = new byte[65];
        joined[0] = 0x01;
        System.arraycopy(l, 0, joined, 1, 32);
        System.arraycopy(r, 0, joined, 33, 32);
        assertThat(Merkle.nodeHash(l, r)).isEqualTo(sha256(joined));
    }

    @Test
    void rootsMatchTheCertificateTransparencyTestVectors() {
        String[] inputs = { "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                "606162636465666768696a6b6c6d6e6f" };
        String[] roots = {
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" };
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            leaves.add(Merkle.leafHash(HexFormat.of().parseHex(inputs[i])));
            assertThat(HexFormat.of().formatHex(Merkle.root(leaves))).as("root of size %d", i + 1).isEqualTo(roots[i]);
        }
    }

    @Test
    void inclusionProofsHaveTheShapeRfc6962Defines() throws Exception {
        byte[] a = leaf("a"), b = leaf("b"), c = leaf("c"), d = leaf("d"), e = leaf("e");
        Merkle.PerfectSubtrees tree = Merkle.inMemory(List.of(a, b, c, d, e));
        assertThat(Merkle.inclusionProof(tree, 0, 3)).containsExactly(b, c);
        assertThat(Merkle.inclusionProof(tree, 2, 3)).containsExactly(node(a, b));
        assertThat(Merkle.inclusionProof(tree, 4, 5)).containsExactly(node(node(a, b), node(c, d)));
        assertThat(Merkle.inclusionProof(tree, 3, 5)).containsExactly(c, node(a, b), e);
    }

    @Test
    void consistencyProofsHaveTheShapeRfc6962Defines() throws Exception {
        byte[] a = leaf("a"), b = leaf("b"), c = leaf("c"), d = leaf("d"), e = leaf("e");
        Merkle.PerfectSubtrees tree = Merkle.inMemory(List.of(a, b, c, d, e));
        // RFC 6962 2.1.3: from 3 to 4 the proof is c, d, and the left subtree hash.
        assertThat(Merkle.consistencyProof(tree, 3, 4)).containsExactly(c, d, node(a, b));
        assertThat(Merkle.consistencyProof(tree, 2, 5)).containsExactly(node(c, d), e);
        assertThat(Merkle.consistencyProof(tree, 4, 5)).containsExactly(e);
        assertThat(Merkle.consistencyProof(tree, 5, 5)).isEmpty();
    }

    @Test
    void everyInclusionProofVerifiesAndNoAlteredOneDoes() throws Exception {
        List<byte[]> leaves = leaves(40);
        Merkle.PerfectSubtrees tree = Merkle.inMemory(leaves);
        for (int n = 1; n <= leaves.size(); n++) {
            byte[] root = Merkle.root(tree, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = Merkle.inclusionProof(tree, m, n);
                assertThat(Merkle.verifyInclusion(leaves.get(m), m, n, proof, root)).isTrue();
                assertThat(Merkle.verifyInclusion(leaves.get((m + 1) % n), m, n, proof, root)).isEqualTo(n == 1);
                if (!proof.isEmpty()) {
                    List<byte[]> altered = new ArrayList<>(proof);
                    altered.set(0, leaf("forged"));
                    assertThat(Merkle.verifyInclusion(leaves.get(m), m, n, altered, root)).isFalse();
                    assertThat(Merkle.verifyInclusion(leaves.get(m), m, n, proof.subList(1, proof.size()), root)).isFalse();
                }
                assertThat(Merkle.verifyInclusion(leaves.get(m), m, n, proof, Merkle.root(tree, n - 1))).isFalse();
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndNoAlteredOneDoes() throws Exception {
        List<byte[]> leaves = leaves(40);
        Merkle.PerfectSubtrees tree = Merkle.inMemory(leaves);
        for (int n = 1; n <= leaves.size(); n++) {
            for (int m = 1; m <= n; m++) {
                byte[] oldRoot = Merkle.root(tree, m);
                byte[] newRoot = Merkle.root(tree, n);
                List<byte[]> proof = Merkle.consistencyProof(tree, m, n);
                assertThat(Merkle.verifyConsistency(m, n, oldRoot, newRoot, proof)).as("%d -> %d", m, n).isTrue();
                if (m < n) {
                    List<byte[]> altered = new ArrayList<>(proof);
                    altered.set(altered.size() - 1, leaf("forged"));
                    assertThat(Merkle.verifyConsistency(m, n, oldRoot, newRoot, altered)).isFalse();
                    assertThat(Merkle.verifyConsistency(m, n, leaf("other history"), newRoot, proof)).isFalse();
                }
            }
        }
    }

    @Test
    void aRewrittenPrefixIsNotConsistentWithTheOldRoot() throws Exception {
        List<byte[]> original = leaves(12);
        List<byte[]> rewritten = new ArrayList<>(original);
        rewritten.set(3, leaf("rewritten"));
        byte[] oldRoot = Merkle.root(original.subList(0, 7));
        Merkle.PerfectSubtrees tree = Merkle.inMemory(rewritten);
        assertThat(Merkle.verifyConsistency(7, 12, oldRoot, Merkle.root(tree, 12), Merkle.consistencyProof(tree, 7, 12)))
                .isFalse();
    }

    private static List<byte[]> leaves(int count) {
        Random random = new Random(42);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[random.nextInt(20)];
            random.nextBytes(data);
            leaves.add(Merkle.leafHash(data));
        }
        return leaves;
    }

    private static byte[] leaf(String data) throws Exception {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        byte[] prefixed = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, prefixed, 1, bytes.length);
        return sha256(prefixed);
    }

    private static byte[] node(byte[] left, byte[] right) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 1);
        sha.update(left);
        return sha.digest(right);
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
