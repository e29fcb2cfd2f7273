/**
 * Whether the next record is a gold one: a hash of who asks, which record would come next and how
 * many gold records they have seen, below the rate. Deterministic (a reload gives the same answer)
 * but not a pattern an annotator can learn.
 */
export function pickGold(rate: number, userId: number, nextRecordId: number, goldSeen: number): boolean {
  if (rate <= 0) return false;
  let h = 2166136261;
  for (const n of [userId, nextRecordId, goldSeen]) {
    h = Math.imul(h ^ (n & 0xffff), 16777619);
    h = Math.imul(h ^ (n >>> 16), 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 2 ** 32 < rate;
}
