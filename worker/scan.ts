// Cursors for SCAN, SSCAN, HSCAN and ZSCAN.
//
// Redis walks its hash table buckets in reverse-binary order so that an element present for a
// whole iteration is always returned. JS Maps offer no stable positions, so a cursor here names
// a snapshot of the element names taken when the iteration began: every element present
// throughout is in the snapshot and is returned when the cursor reaches it (if it still exists);
// elements added later may or may not be returned, as Redis allows. A cursor the engine no
// longer knows (too old, or made up) starts a fresh snapshot: repeats are possible, as in Redis,
// misses are not.
import { fail, INVALID_CURSOR } from './errors.ts'

interface Snapshot {
  source: object
  items: string[]
  position: number
}

const MAX_LIVE_CURSORS = 256

export class ScanCursors {
  private readonly live = new Map<string, Snapshot>()
  private nextId = 1

  /**
   * The next page of an iteration over `source`'s elements. `items` lists them (called only
   * when a snapshot is taken). Returns the next cursor ('0' when done) and up to `count` names.
   */
  page(source: object, cursor: string, count: number, items: () => Iterable<string>): [next: string, names: string[]] {
    let snapshot = cursor === '0' ? undefined : this.live.get(cursor)
    if (snapshot !== undefined) this.live.delete(cursor)
    if (snapshot === undefined || snapshot.source !== source) {
      snapshot = { source, items: [...items()], position: 0 }
    }
    const end = Math.min(snapshot.position + count, snapshot.items.length)
    const names = snapshot.items.slice(snapshot.position, end)
    snapshot.position = end
    if (end >= snapshot.items.length) return ['0', names]
    const id = String(this.nextId++)
    this.live.set(id, snapshot)
    if (this.live.size > MAX_LIVE_CURSORS) this.live.delete(this.live.keys().next().value as string)
    return [id, names]
  }
}

/** Redis parses cursors with strtoull: an unsigned 64-bit decimal, or "ERR invalid cursor". */
export function parseCursor(text: string): string {
  if (!/^[0-9]+$/.test(text) || BigInt(text) > 18446744073709551615n) fail(INVALID_CURSOR)
  return String(BigInt(text))
}
