// Cursors for SCAN, SSCAN, HSCAN and ZSCAN, and the options and reply they share.
//
// Redis walks its hash table buckets in reverse-binary order so that an element present for a
// whole iteration is always returned. Here a cursor names an iteration in progress, which reads
// either a snapshot of the element names taken when it started, or, when the caller says its
// iterator is live, the source itself. A live iterator must stay valid while the source changes
// and visit every element present from start to end exactly once: JS Map and Set iterators do
// (they skip deleted entries and reach added ones). A live iteration costs O(COUNT) per call, as
// in Redis; a snapshot costs O(N) once. The SCAN family reads live: the keyspace and the large
// sets, hashes and sorted sets are iterated through Maps.
// A cursor the engine no longer knows (too old, made up, or from another source) starts a new
// iteration: repeats are possible, as in Redis, misses are not.
import { isToken, parseInteger } from './args.ts'
import { fail, INVALID_CURSOR, SYNTAX } from './errors.ts'
import { globMatch } from './glob.ts'
import { array, bulk, bulks, type Reply } from './reply.ts'

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

/** The options of SCAN, SSCAN, HSCAN and ZSCAN (Redis's scanGenericCommand). */
export interface ScanOptions {
  count: number
  /**
   * MATCH's pattern; undefined without MATCH, or for "*", which Redis skips (its matcher would
   * not match "*" to an empty name).
   */
  pattern: string | undefined
  /** SCAN's TYPE, lower-case; undefined without it. */
  type: string | undefined
}

/**
 * Reads COUNT (at least 1), MATCH and, for SCAN only (`allowType`), TYPE; each takes a value and
 * the last one given wins. Anything else is a syntax error.
 */
export function parseScanOptions(options: string[], allowType = false): ScanOptions {
  const parsed: ScanOptions = { count: 10, pattern: undefined, type: undefined }
  for (let i = 0; i < options.length; i += 2) {
    const hasValue = i + 1 < options.length
    if (isToken(options[i], 'COUNT') && hasValue) {
      parsed.count = parseInteger(options[i + 1])
      if (parsed.count < 1) fail(SYNTAX)
    } else if (isToken(options[i], 'MATCH') && hasValue) {
      parsed.pattern = options[i + 1] === '*' ? undefined : options[i + 1]
    } else if (allowType && isToken(options[i], 'TYPE') && hasValue) {
      // Redis compares the name as a C string, case-insensitively; an unknown name matches nothing.
      parsed.type = options[i + 1].split('\0', 1)[0].toLowerCase()
    } else {
      fail(SYNTAX)
    }
  }
  return parsed
}

/** Whether a name passes MATCH. */
export const matchesPattern = (options: ScanOptions, name: string): boolean =>
  options.pattern === undefined || globMatch(options.pattern, name)

/**
 * One SSCAN, HSCAN or ZSCAN page of a collection (`source`, the key's value). A `small` one (an
 * intset or listpack) comes whole with cursor 0, as in Redis, whatever COUNT says: `names` then
 * gives Redis's order. A larger one pages through `names` live (see ScanCursors.page), so
 * `names` must then be a Map's keys: sets, hashes and sorted sets keep one, and never go back to
 * a small encoding. Returns the next cursor and the names, still in the collection (`has`),
 * that pass MATCH.
 */
export function collectionPage(
  scans: ScanCursors, source: object, cursor: string, options: ScanOptions, small: boolean,
  names: () => Iterable<string>, has: (name: string) => boolean,
): [next: string, names: string[]] {
  const [next, page] = small ? ['0', [...names()]] : scans.page(source, cursor, options.count, names, true)
  return [next, page.filter((name) => has(name) && matchesPattern(options, name))]
}

/** A SCAN-family reply: the next cursor and the page. */
export const scanReply = (next: string, items: string[]): Reply => array([bulk(next), bulks(items)])

/** What SSCAN, HSCAN and ZSCAN reply for a missing key. */
export const EMPTY_SCAN: Reply = scanReply('0', [])
