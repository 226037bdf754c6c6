// Checks the ledger's signed checkpoints in the browser with WebCrypto alone, byte for byte as
// the Java verifier does (org.consentledger.verify: Checkpoint, SignedNote, NoteKeys, Merkle).

const SIGNATURE_PREFIX = '\u2014 ';
const NOTE_SIGNATURE_TYPE = 0x01;
const utf8 = new TextEncoder();

export function fromBase64(text) {
  return Uint8Array.from(atob(text), c => c.charCodeAt(0));
}

export function toBase64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

function equal(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/**
 * A C2SP signed note holding a tlog checkpoint: origin, tree size and base64 root hash, each line
 * ending in a newline, then a blank line and signature lines "— <name> <base64(key id || signature)>".
 * Nothing here is trusted until verifySignature says so.
 */
export function parseCheckpoint(note) {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint has no signature block');
  const body = note.slice(0, split + 1);
  const [origin, size, root] = body.split('\n');
  if (!/^[0-9]+$/.test(size || '') || !root) throw new Error('the checkpoint needs origin, tree size and root hash lines');
  const signatures = note.slice(split + 2).split('\n').filter(l => l.startsWith(SIGNATURE_PREFIX)).map(line => {
    const parts = line.slice(SIGNATURE_PREFIX.length).split(' ');
    if (parts.length !== 2) throw new Error('malformed signature line');
    return { name: parts[0], bytes: fromBase64(parts[1]) };
  });
  return { note, body, origin, size: BigInt(size), rootBase64: root, root: fromBase64(root), signatures };
}

/** A verifier key, name+hex key id+base64(0x01 || 32-byte Ed25519 key), whose id is checked against the rest. */
export async function parseVerifierKey(encoded) {
  const text = encoded.trim();
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new Error('a verifier key has the form name+keyid+base64key');
  const name = text.slice(0, first);
  const keyId = Uint8Array.from(text.slice(first + 1, second).match(/../g) || [], x => parseInt(x, 16));
  const typed = fromBase64(text.slice(second + 1));
  if (typed.length !== 33 || typed[0] !== NOTE_SIGNATURE_TYPE) throw new Error('not an Ed25519 verifier key');
  const raw = typed.slice(1);
  const expected = (await sha256(concat(utf8.encode(name + '\n'), Uint8Array.of(NOTE_SIGNATURE_TYPE), raw))).slice(0, 4);
  if (!equal(keyId, expected)) throw new Error("the verifier key's id does not match its key");
  return { name, keyId, raw, encoded: text };
}

/** Whether the log's key signed the checkpoint's body; the first line naming the key decides, as in Checkpoint.verify. */
export async function verifySignature(checkpoint, key) {
  const line = checkpoint.signatures.find(s => s.name === key.name && s.bytes.length === 68 && equal(s.bytes.slice(0, 4), key.keyId));
  if (!line) return { ok: false, detail: `no signature by key ${key.name}` };
  const publicKey = await crypto.subtle.importKey('raw', key.raw, { name: 'Ed25519' }, false, ['verify']);
  const ok = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, line.bytes.slice(4), utf8.encode(checkpoint.body));
  return { ok, detail: ok ? `signed by ${key.name}` : 'the signature does not verify with the pinned key' };
}

/** Witness cosignature lines (C2SP tlog-cosignature: key id, 8-byte timestamp, signature); listed, not checked. */
export function cosignatures(checkpoint, logKeyName) {
  return checkpoint.signatures.filter(s => s.name !== logKeyName && s.bytes.length === 76).map(s => {
    const seconds = new DataView(s.bytes.buffer, s.bytes.byteOffset + 4, 8).getBigUint64(0);
    return { name: s.name, time: new Date(Number(seconds) * 1000).toISOString() };
  });
}

async function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(0x01), left, right));
}

/** RFC 9162 section 2.1.4.2: is the tree (size1, root1) a prefix of the tree (size2, root2)? Sizes are BigInts. */
export async function verifyConsistency(size1, size2, root1, root2, proof) {
  if (size1 < 0n || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && equal(root1, root2);
  if (size1 === 0n) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (size1 & (size1 - 1n)) === 0n ? [root1, ...proof] : [...proof];
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equal(fr, root1) && equal(sr, root2);
}
