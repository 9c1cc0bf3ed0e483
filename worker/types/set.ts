// A Redis set of byte strings, with the encoding Redis 7.0 would give the same contents.
//
// Members live in an array (for O(1) random picks) with a Map from member to its position (for
// O(1) membership). While the set is an 'intset' (every member a canonical int64 and no more
// than set-max-intset-entries of them) the array is kept in ascending numeric order, as Redis's
// intset is: SMEMBERS, SSCAN and the set algebra then reply in exactly Redis's order, and an
// insert or removal costs O(N) for N <= the intset limit, as in Redis. Once a 'hashtable', a set
// never goes back: removal swaps the last member into the gap, and iteration follows the Map,
// whose iterators survive changes (SSCAN relies on that).
import { toInt64 } from '../args.ts'

export type SetEncoding = 'intset' | 'hashtable'

/** Redis caps set-max-intset-entries at 2^30 because of the intset's layout. */
const INTSET_HARD_LIMIT = 1 << 30

/** The intset size limit in force: set-max-intset-entries, capped as Redis caps it. */
export function maxIntsetEntries(config: Map<string, string>): number {
  const configured = Number(config.get('set-max-intset-entries') ?? 512)
  return Math.min(Number.isFinite(configured) ? configured : 512, INTSET_HARD_LIMIT)
}

/** Redis's isSdsRepresentableAsLongLong: a canonical decimal int64 (no '+', no leading zeros, no '-0'). */
export function isIntsetMember(member: string): boolean {
  return toInt64(member) !== undefined
}

/** Numeric order of two canonical int64 texts, without BigInt. */
function compareIntegers(a: string, b: string): number {
  const negativeA = a.charCodeAt(0) === 45
  const negativeB = b.charCodeAt(0) === 45
  if (negativeA !== negativeB) return negativeA ? -1 : 1
  const magnitude = a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0
  return negativeA ? -magnitude : magnitude
}

export class SetValue implements Iterable<string> {
  readonly kind = 'set' as const
  private items: string[] = []
  private readonly positions = new Map<string, number>()
  private intset: boolean

  /** An empty set; Redis's temporary and STORE result sets start as intsets. */
  constructor(encoding: SetEncoding = 'intset') {
    this.intset = encoding === 'intset'
  }

  /** Redis's setTypeCreate: an empty set with the encoding that suits its first member. */
  static forMember(member: string): SetValue {
    return new SetValue(isIntsetMember(member) ? 'intset' : 'hashtable')
  }

  get size(): number {
    return this.items.length
  }

  /** What Redis 7.0's OBJECT ENCODING reports (tracked as members are added, so no config is needed). */
  encoding(_config: Map<string, string>): SetEncoding {
    return this.intset ? 'intset' : 'hashtable'
  }

  has(member: string): boolean {
    return this.positions.has(member)
  }

  /** Adds a member; true if it was new. `maxIntset` is the limit from maxIntsetEntries(config). */
  add(member: string, maxIntset: number): boolean {
    if (this.positions.has(member)) return false
    if (this.intset && !isIntsetMember(member)) this.intset = false
    if (this.intset) {
      this.insertSorted(member)
      if (this.items.length > maxIntset) this.intset = false
    } else {
      this.positions.set(member, this.items.length)
      this.items.push(member)
    }
    return true
  }

  /** Removes a member; true if it was there. */
  delete(member: string): boolean {
    const position = this.positions.get(member)
    if (position === undefined) return false
    this.positions.delete(member)
    if (this.intset) {
      this.items.splice(position, 1)
      for (let i = position; i < this.items.length; i++) this.positions.set(this.items[i], i)
    } else {
      const last = this.items.pop() as string
      if (position < this.items.length) {
        this.items[position] = last
        this.positions.set(last, position)
      }
    }
    return true
  }

  /** A uniformly random member (the set must not be empty). `random` is uniform in [0, 1). */
  random(random: () => number): string {
    return this.items[Math.floor(random() * this.items.length)]
  }

  /**
   * Members in Redis's order for an intset (ascending). A hashtable's order is Redis's hash
   * order, which nobody can rely on; here it is insertion order, from an iterator that stays
   * valid while the set changes.
   */
  values(): IterableIterator<string> {
    return this.intset ? this.items.values() : this.positions.keys()
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.values()
  }

  /** A deep copy with the same encoding (COPY). */
  clone(): SetValue {
    const copy = new SetValue(this.intset ? 'intset' : 'hashtable')
    copy.items = this.items.slice()
    for (const [member, position] of this.positions) copy.positions.set(member, position)
    return copy
  }

  private insertSorted(member: string): void {
    let low = 0
    let high = this.items.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (compareIntegers(this.items[middle], member) < 0) low = middle + 1
      else high = middle
    }
    this.items.splice(low, 0, member)
    for (let i = low; i < this.items.length; i++) this.positions.set(this.items[i], i)
  }
}
