// SORT and SORT_RO: sort the elements of a list, set or sorted set numerically or as bytes,
// by the elements themselves or by other keys (BY pattern, hash fields with `->`), take a LIMIT
// window, fetch other keys for each element (GET), and reply or store the result as a list.
// Follows Redis 7.0's sortCommandGeneric step by step, including its parsing order and quirks.
import type { Context, Handler } from '../engine.ts'
import type { Database } from '../keyspace.ts'
import { fail, SORT_SCORE_NOT_DOUBLE, SYNTAX, WRONGTYPE } from '../errors.ts'
import { isToken, parseInteger, toDouble } from '../args.ts'
import { ListValue } from '../types/list.ts'
import type { SetValue } from '../types/set.ts'
import { listpackLimits, ZSetValue } from '../types/zset.ts'
import { array, bulkOrNil, int, type Reply } from '../reply.ts'

interface SortOptions {
  desc: boolean
  alpha: boolean
  limitStart: number
  limitCount: number
  /** The BY pattern, when it names other keys (contains `*`). */
  by: string | undefined
  /** BY without `*` (BY nosort): keep the collection's own order. */
  dontSort: boolean
  gets: string[]
  store: string | undefined
}

/** Options in any order, later ones winning; the first bad one is the error (SORT_RO knows no STORE). */
function parseOptions(options: string[], readonly: boolean): SortOptions {
  const parsed: SortOptions = {
    desc: false, alpha: false, limitStart: 0, limitCount: -1, by: undefined, dontSort: false, gets: [], store: undefined,
  }
  for (let i = 0; i < options.length; i++) {
    const option = options[i]
    const left = options.length - i - 1
    if (isToken(option, 'ASC')) {
      parsed.desc = false
    } else if (isToken(option, 'DESC')) {
      parsed.desc = true
    } else if (isToken(option, 'ALPHA')) {
      parsed.alpha = true
    } else if (isToken(option, 'LIMIT') && left >= 2) {
      parsed.limitStart = parseInteger(options[++i])
      parsed.limitCount = parseInteger(options[++i])
    } else if (!readonly && isToken(option, 'STORE') && left >= 1) {
      parsed.store = options[++i]
    } else if (isToken(option, 'BY') && left >= 1) {
      parsed.by = options[++i]
      // Once any BY lacks a `*`, nothing is sorted, whatever a later BY says.
      if (cIndexOf(parsed.by, '*') < 0) parsed.dontSort = true
    } else if (isToken(option, 'GET') && left >= 1) {
      parsed.gets.push(options[++i])
    } else {
      fail(SYNTAX)
    }
  }
  return parsed
}

/** Redis reads patterns as C strings in places: a search stops at the first NUL byte. */
function cIndexOf(text: string, search: string, from = 0): number {
  const index = text.indexOf(search, from)
  const nul = text.indexOf('\0')
  return nul >= 0 && index + search.length > nul ? -1 : index
}

/**
 * Redis's lookupKeyByPattern: `#` is the element itself; otherwise the first `*` is replaced by
 * the element and the key read as a string, or, with `->field` after the `*`, as a hash field.
 * Missing keys, wrong types and patterns without `*` give undefined.
 */
function lookupByPattern(db: Database, pattern: string, element: string): string | undefined {
  if (pattern[0] === '#' && (pattern.length === 1 || pattern[1] === '\0')) return element
  const star = cIndexOf(pattern, '*')
  if (star < 0) return undefined
  const arrow = cIndexOf(pattern, '->', star + 1)
  const nul = pattern.indexOf('\0')
  const hasField = arrow >= 0 && arrow + 2 < (nul >= 0 ? nul : pattern.length)
  const field = hasField ? pattern.slice(arrow + 2) : undefined
  const postfixEnd = hasField ? arrow : pattern.length
  const value = db.get(pattern.slice(0, star) + element + pattern.slice(star + 1, postfixEnd))
  if (value === undefined) return undefined
  if (field !== undefined) return typeof value !== 'string' && value.kind === 'hash' ? value.get(field) : undefined
  return typeof value === 'string' ? value : undefined
}

/** A sort weight as strtod reads it: leading blanks skipped, nothing left over, no NaN, no overflow; '' is 0. */
function weightOf(text: string): number | undefined {
  if (text === '') return 0
  return toDouble(text.replace(/^[ \t\n\v\f\r]+/, ''))
}

type Sortable = ListValue | SetValue | ZSetValue

/** The elements to sort, and the LIMIT window within them (both inclusive; end < start when empty). */
interface Loaded {
  elements: string[]
  start: number
  end: number
}

/** Redis's LIMIT clamping: a negative offset is 0, a negative count means all. */
function window(size: number, options: SortOptions): [start: number, end: number] {
  let start = Math.max(options.limitStart, 0)
  let end = options.limitCount < 0 ? size - 1 : start + options.limitCount - 1
  if (start >= size) {
    start = size - 1
    end = size - 2
  }
  if (end >= size) end = size - 1
  return [start, end]
}

/**
 * Reads the elements. Lists and sorted sets that are not sorted (BY without `*`) keep their
 * order, reversed for DESC, and only the LIMIT window is read.
 */
function load(value: Sortable | undefined, options: SortOptions): Loaded {
  if (value === undefined) return { elements: [], start: 0, end: -1 }
  const [start, end] = window(value.size, options)
  if (options.dontSort && value.kind !== 'set') {
    const from = options.desc ? value.size - 1 - start : start
    const elements = orderedWindow(value, from, end - start + 1, options.desc)
    return { elements, start: 0, end: elements.length - 1 }
  }
  return { elements: [...value], start, end }
}

/** Up to `count` elements from index `from`, towards the head when `reverse`. */
function orderedWindow(value: ListValue | ZSetValue, from: number, count: number, reverse: boolean): string[] {
  const elements: string[] = []
  if (value.kind === 'zset') {
    for (const entry of value.walk(from, count, reverse)) elements.push(entry.member)
  } else {
    for (let i = 0; i < count; i++) elements.push(value.at(reverse ? from - i : from + i) as string)
  }
  return elements
}

/** Redis's SORT converts a listpack sorted set to a skiplist for good (zsetConvert), even SORT_RO. */
function convertToSkiplist(ctx: Context, key: string, zset: ZSetValue): ZSetValue {
  if (zset.encoding() !== 'listpack') return zset
  const converted = ZSetValue.asSkiplist()
  const limits = listpackLimits(ctx.engine.config)
  for (const entry of zset.entries()) converted.set(entry.member, entry.score, limits)
  ctx.db.set(key, converted, true)
  return converted
}

interface Item {
  element: string
  /** The numeric weight (numeric sorting). */
  weight: number
  /** The text compared (ALPHA sorting); undefined when the BY key is missing. */
  text: string | undefined
}

/** Byte order, shorter first on a common prefix (memcmp then length, as compareStringObjects). */
const compareBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Redis's sortCompare: numbers (ties broken by the element bytes) or texts, a missing BY value first. */
function comparator(options: SortOptions): (a: Item, b: Item) => number {
  const direction = options.desc ? -1 : 1
  if (!options.alpha) {
    return (a, b) => direction * (a.weight > b.weight ? 1 : a.weight < b.weight ? -1 : compareBytes(a.element, b.element))
  }
  return (a, b) => {
    if (a.text === undefined || b.text === undefined) return direction * (a.text === b.text ? 0 : a.text === undefined ? -1 : 1)
    return direction * compareBytes(a.text, b.text)
  }
}

/**
 * Weighs and sorts the elements in place. Returns false when a weight is not a number.
 * ALPHA compares bytes; without STORE Redis uses strcoll, which in the C locale is byte order
 * up to the first NUL.
 */
function sortElements(db: Database, elements: string[], options: SortOptions): boolean {
  let numbersOk = true
  const collate = options.store === undefined
  const items: Item[] = elements.map((element) => {
    const by = options.by === undefined ? element : lookupByPattern(db, options.by, element)
    if (options.alpha) {
      return { element, weight: 0, text: by !== undefined && collate ? by.split('\0', 1)[0] : by }
    }
    const weight = by === undefined ? 0 : weightOf(by)
    if (weight === undefined) numbersOk = false
    return { element, weight: weight ?? 0, text: undefined }
  })
  items.sort(comparator(options))
  for (let i = 0; i < items.length; i++) elements[i] = items[i].element
  return numbersOk
}

function sort(ctx: Context, [key, ...rest]: string[], readonly: boolean): Reply {
  const options = parseOptions(rest, readonly)
  const db = ctx.db
  const value = db.get(key)
  if (value !== undefined && (typeof value === 'string' || value.kind === 'hash' || value.kind === 'stream')) fail(WRONGTYPE)
  // Unsorted set output would depend on the hash table, so a stored one is sorted as bytes.
  if (options.dontSort && value?.kind === 'set' && options.store !== undefined) {
    options.dontSort = false
    options.alpha = true
    options.by = undefined
  }
  const { elements, start, end } = load(value?.kind === 'zset' ? convertToSkiplist(ctx, key, value) : value, options)
  if (!options.dontSort && !sortElements(db, elements, options)) fail(SORT_SCORE_NOT_DOUBLE)

  const output: Array<string | undefined> = []
  for (let i = start; i <= end; i++) {
    if (options.gets.length === 0) output.push(elements[i])
    for (const pattern of options.gets) output.push(lookupByPattern(db, pattern, elements[i]))
  }
  if (options.store === undefined) return array(output.map((item) => bulkOrNil(item)))
  if (output.length > 0) {
    db.set(options.store, new ListValue(output.map((item) => item ?? '')))
    db.changed(options.store, 'sortstore')
  } else if (db.delete(options.store)) {
    db.changed(options.store, 'del')
  }
  return int(output.length)
}

export const sortHandlers: Record<string, Handler> = {
  sort: (ctx, args) => sort(ctx, args, false),
  sort_ro: (ctx, args) => sort(ctx, args, true),
}
