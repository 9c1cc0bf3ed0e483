// A Redis sorted set. (Filled in by the sorted-sets work: ordered with ranks, O(log N).)
export class ZSetValue {
  readonly kind = 'zset' as const
  get size(): number {
    return 0
  }
}
