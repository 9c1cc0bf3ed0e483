// Cursors for SCAN, SSCAN, HSCAN and ZSCAN.
//
// Redis walks its hash table buckets in reverse-binary order so that an element present for a
// whole iteration is always returned. Here a cursor names an iteration in progress, which reads
// either a snapshot of the element names taken when it started, or, when the caller says its
// iterator is live, the source itself. A live iterator must stay valid while the source changes
// and visit every element present from start to end exactly once: JS Map and Set iterators do
// (they skip deleted entries and reach added ones). A live iteration costs O(COUNT) per call, as
// in Redis; a snapshot costs O(N) once.
// A cursor the engine no longer knows (too old, made up, or from another source) starts a new
// iteration: repeats are possible, as in Redis, misses are not.
import { fail, INVALID_CURSOR } from './errors.ts'

interface Iteration {
  source: object
  iterator: Iterator<string>
  /** The element read ahead to learn whether the iteration had ended. */
  next: IteratorResult<string>
}

const MAX_LIVE_CURSORS = 256

export class ScanCursors {
  private readonly live = new Map<string, Iteration>()
  private nextId = 1

  /**
   * The next page of an iteration over `source`'s elements. `items` is called only when an
   * iteration starts; with `live` its iterator is read as the source changes (see above),
   * otherwise its names are copied first. Returns the next cursor ('0' when done) and up to
   * `count` names. A name may have been removed since it was read, so callers look each one
   * up and skip the missing.
   */
  page(
    source: object, cursor: string, count: number, items: () => Iterable<string>, live = false,
  ): [next: string, names: string[]] {
    let iteration = cursor === '0' ? undefined : this.live.get(cursor)
    if (iteration !== undefined) this.live.delete(cursor)
    if (iteration === undefined || iteration.source !== source) {
      const iterator = live ? items()[Symbol.iterator]() : [...items()][Symbol.iterator]()
      iteration = { source, iterator, next: iterator.next() }
    }
    const names: string[] = []
    while (names.length < count && iteration.next.done !== true) {
      names.push(iteration.next.value)
      iteration.next = iteration.iterator.next()
    }
    if (iteration.next.done === true) return ['0', names]
    const id = String(this.nextId++)
    this.live.set(id, iteration)
    if (this.live.size > MAX_LIVE_CURSORS) this.live.delete(this.live.keys().next().value as string)
    return [id, names]
  }
}

const UINT64_RANGE = 18446744073709551616n

/**
 * Redis parses cursors with strtoul and rejects a leading blank or anything left over:
 * an optional sign, then decimal digits below 2^64 ('-1' wraps to 2^64-1, '' is 0).
 * Returns the cursor in canonical decimal, or fails with "ERR invalid cursor".
 */
export function parseCursor(text: string): string {
  const parts = /^([+-]?)([0-9]*)$/.exec(text)
  if (parts === null || (parts[2] === '' && text !== '')) fail(INVALID_CURSOR)
  if (parts[2] === '') return '0'
  const value = BigInt(parts[2])
  if (value >= UINT64_RANGE) fail(INVALID_CURSOR)
  return String(parts[1] === '-' ? (UINT64_RANGE - value) % UINT64_RANGE : value)
}
