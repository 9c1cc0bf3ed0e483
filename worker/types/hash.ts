// A Redis hash: field -> value, with the encoding Redis 7.0 would give the same history of writes.
//
// Fields live in two parallel arrays (names, values) with a Map from field to its slot. The Map
// iterates in insertion order, which is exactly Redis's order while the hash is a listpack
// (an update keeps a field's place, a removed and re-added field goes to the end), so HGETALL,
// HKEYS, HVALS and HSCAN reply in Redis's order for small hashes. The arrays give a uniformly
// random field in O(1) for HRANDFIELD: removal swaps the last slot into the gap.
//
// Redis converts a listpack to a hashtable while writing: when it holds more than
// hash-max-listpack-entries fields, or a field or value longer than hash-max-listpack-value
// bytes is written. It never converts back. Writes here only note what they wrote; the check
// runs against the config in force at the next `encoding(config)` call, which the commands make
// right after writing, so a later CONFIG SET does not convert a hash nobody wrote to.
import { configNumber } from '../config.ts'

export type HashEncoding = 'listpack' | 'hashtable'

export class HashValue implements Iterable<[field: string, value: string]> {
  readonly kind = 'hash' as const
  private readonly slots = new Map<string, number>()
  private readonly names: string[] = []
  private readonly values: string[] = []
  private listpack = true
  /** Longest field or value written since the encoding was last checked; -1 when nothing was written. */
  private longestWritten = -1

  get size(): number {
    return this.names.length
  }

  get(field: string): string | undefined {
    const slot = this.slots.get(field)
    return slot === undefined ? undefined : this.values[slot]
  }

  has(field: string): boolean {
    return this.slots.has(field)
  }

  /** Sets a field's value; true when the field is new. */
  set(field: string, value: string): boolean {
    this.longestWritten = Math.max(this.longestWritten, field.length, value.length)
    const slot = this.slots.get(field)
    if (slot !== undefined) {
      this.values[slot] = value
      return false
    }
    this.slots.set(field, this.names.length)
    this.names.push(field)
    this.values.push(value)
    return true
  }

  /** Removes a field; true when it was there. */
  delete(field: string): boolean {
    const slot = this.slots.get(field)
    if (slot === undefined) return false
    this.slots.delete(field)
    const last = this.names.length - 1
    if (slot !== last) {
      this.names[slot] = this.names[last]
      this.values[slot] = this.values[last]
      // Map.set on an existing key keeps its place in the iteration order.
      this.slots.set(this.names[slot], slot)
    }
    this.names.pop()
    this.values.pop()
    return true
  }

  /**
   * What Redis 7.0's OBJECT ENCODING reports. Applies the conversion Redis makes on write to
   * whatever was written since the last call, using the limits in `config`.
   */
  encoding(config: Map<string, string>): HashEncoding {
    if (this.listpack && this.longestWritten >= 0) {
      if (this.size > configNumber(config, 'hash-max-listpack-entries') ||
          this.longestWritten > configNumber(config, 'hash-max-listpack-value')) {
        this.listpack = false
      }
      this.longestWritten = -1
    }
    return this.listpack ? 'listpack' : 'hashtable'
  }

  /** A copy with the same contents, order and encoding (COPY, RESTORE of a DUMP, snapshots). */
  clone(): HashValue {
    const copy = new HashValue()
    for (const [field, value] of this) copy.set(field, value)
    copy.listpack = this.listpack
    copy.longestWritten = this.longestWritten
    return copy
  }

  /** Field-value pairs in order (insertion order: Redis's order while a listpack). */
  *[Symbol.iterator](): IterableIterator<[field: string, value: string]> {
    for (const [field, slot] of this.slots) yield [field, this.values[slot]]
  }

  /** Field names in order. The iterator stays valid while the hash changes (HSCAN relies on it). */
  fields(): IterableIterator<string> {
    return this.slots.keys()
  }

  /** Values in field order. */
  *valuesInOrder(): IterableIterator<string> {
    for (const slot of this.slots.values()) yield this.values[slot]
  }

  /** A uniformly random field and its value, in O(1). The hash must not be empty. */
  randomEntry(random: () => number): [field: string, value: string] {
    const slot = Math.floor(random() * this.names.length)
    return [this.names[slot], this.values[slot]]
  }

  /**
   * `count` distinct random fields with their values (count below the size), in random order.
   * O(count): a partial shuffle when count is a large part of the hash, otherwise random picks
   * until enough distinct ones were drawn (as Redis's HRANDFIELD does in the two cases).
   */
  randomDistinct(count: number, random: () => number): Array<[field: string, value: string]> {
    const size = this.names.length
    const picked: Array<[string, string]> = []
    if (count * 3 > size) {
      const order = Array.from({ length: size }, (_, i) => i)
      for (let i = 0; i < count; i++) {
        const j = i + Math.floor(random() * (size - i))
        const slot = order[j]
        order[j] = order[i]
        picked.push([this.names[slot], this.values[slot]])
      }
      return picked
    }
    const seen = new Set<number>()
    while (picked.length < count) {
      const slot = Math.floor(random() * size)
      if (seen.has(slot)) continue
      seen.add(slot)
      picked.push([this.names[slot], this.values[slot]])
    }
    return picked
  }
}
