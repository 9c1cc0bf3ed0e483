// The order in which Redis's Lua 5.1 walks a table with lua_next (ltable.c's layout: the array
// part, then the hash nodes with their collision chains), rebuilt from the keys in fengari's
// insertion order. cmsgpack.pack writes maps in this order, as Redis's does.
/** A table key as Lua 5.1 hashes it; undefined for keys it hashes by address (tables, functions). */
export type TableKey = number | string | boolean | undefined

const ceilLog2 = (n: number) => (n <= 1 ? 0 : 32 - Math.clz32(n - 1))

/** Lua 5.1's string hash, seeded with the length; Redis's copy hashes every byte (not every step-th). */
function stringHash(s: string): number {
  let h = s.length
  for (let l = s.length; l >= 1; l--) h = (h ^ ((h << 5) + (h >>> 2) + s.charCodeAt(l - 1))) >>> 0
  return h
}

const numberBytes = new DataView(new ArrayBuffer(8))

/** Lua 5.1's hashnum: the sum of the double's two 32-bit words (little-endian, as on x86). */
function numberHash(n: number): number {
  numberBytes.setFloat64(0, n, true)
  return (numberBytes.getUint32(0, true) + numberBytes.getUint32(4, true)) >>> 0
}

function mainPosition(key: TableKey, size: number): number {
  if (typeof key === 'number') return key === 0 ? 0 : numberHash(key) % ((size - 1) | 1)
  if (typeof key === 'string') return stringHash(key) & (size - 1)
  if (typeof key === 'boolean') return (key ? 1 : 0) & (size - 1)
  return 0 // An address: nothing to reproduce.
}

/** Lua 5.1's MAXBITS: array parts hold at most 2^26 slots. */
const MAX_ARRAY_BITS = 26

/** The key as an index Lua 5.1 counts for the array part, else 0. */
const arrayIndex = (key: TableKey) => (typeof key === 'number' && Number.isInteger(key) && key > 0 && key <= 2 ** MAX_ARRAY_BITS ? key : 0)

interface TableNode { key: TableKey; entry: number; next: number }

/**
 * Where Lua 5.1's ltable.c puts each key (array part, hash nodes with their collision chains,
 * rehash on a full node vector), to list the entries in the order its lua_next walks them.
 */
class Lua51Table {
  private array: Array<number | undefined>
  private nodes: Array<TableNode | undefined> = []
  private lastFree = 0

  constructor(arraySize: number, hashSize: number) {
    this.array = new Array<undefined>(arraySize).fill(undefined)
    this.setNodeVector(hashSize)
  }

  /** Entry numbers, array part first, then the hash nodes in node order. */
  order(): number[] {
    return [...this.array, ...this.nodes.map((node) => node?.entry)].filter((entry) => entry !== undefined)
  }

  insert(key: TableKey, entry: number): void {
    const index = arrayIndex(key)
    if (index > 0 && index <= this.array.length) this.array[index - 1] = entry
    else this.newKey(key, entry)
  }

  /** Lua 5.1's newkey: a key whose main position is taken goes to a free node, or the table grows. */
  private newKey(key: TableKey, entry: number): void {
    const size = this.nodes.length
    const position = size === 0 ? 0 : mainPosition(key, size)
    const occupant = this.nodes[position]
    if (size > 0 && occupant === undefined) {
      this.nodes[position] = { key, entry, next: -1 }
      return
    }
    const free = this.freePosition()
    if (free < 0 || occupant === undefined) {
      this.rehash(key)
      this.insert(key, entry)
      return
    }
    const occupantsPosition = mainPosition(occupant.key, size)
    if (occupantsPosition === position) {
      // The occupant is at home: the new key takes the free node, chained after it.
      this.nodes[free] = { key, entry, next: occupant.next }
      occupant.next = free
      return
    }
    // The occupant was pushed here by a collision: it moves to the free node, the new key stays.
    let previous = occupantsPosition
    while (this.nodes[previous]!.next !== position) previous = this.nodes[previous]!.next
    this.nodes[previous]!.next = free
    this.nodes[free] = occupant
    this.nodes[position] = { key, entry, next: -1 }
  }

  private freePosition(): number {
    while (this.lastFree > 0) if (this.nodes[--this.lastFree] === undefined) return this.lastFree
    return -1
  }

  private setNodeVector(size: number): void {
    const length = size === 0 ? 0 : 2 ** ceilLog2(size)
    this.nodes = new Array<undefined>(length).fill(undefined)
    this.lastFree = length
  }

  /** Lua 5.1's rehash: the array part gets the largest 2^n more than half full of integer keys. */
  private rehash(extra: TableKey): void {
    const counts = new Array<number>(MAX_ARRAY_BITS + 1).fill(0)
    let integers = 0
    let total = 0
    const count = (key: TableKey) => {
      total++
      const index = arrayIndex(key)
      if (index > 0) {
        counts[ceilLog2(index)]++
        integers++
      }
    }
    this.array.forEach((entry, i) => entry !== undefined && count(i + 1))
    for (const node of this.nodes) if (node !== undefined) count(node.key)
    count(extra)
    let arraySize = 0
    let inArray = 0
    // computesizes: `below` counts the integer keys up to 2^i.
    for (let i = 0, below = 0; 2 ** i / 2 < integers && below < integers; i++) {
      below += counts[i]
      if (counts[i] > 0 && below > 2 ** i / 2) {
        arraySize = 2 ** i
        inArray = below
      }
    }
    this.resize(arraySize, total - inArray)
  }

  private resize(arraySize: number, hashSize: number): void {
    const oldArray = this.array
    const oldNodes = this.nodes
    this.array = Array.from({ length: arraySize }, (_, i) => oldArray[i])
    this.setNodeVector(hashSize)
    // As luaH_resize: the array's vanishing slice, then the old nodes from the last one.
    for (let i = arraySize; i < oldArray.length; i++) {
      const entry = oldArray[i]
      if (entry !== undefined) this.insert(i + 1, entry)
    }
    for (let i = oldNodes.length - 1; i >= 0; i--) {
      const node = oldNodes[i]
      if (node !== undefined) this.insert(node.key, node.entry)
    }
  }
}

/**
 * The order Lua 5.1's lua_next gives `keys`, which come in insertion order (fengari's lua_next
 * order). The layout also depends on how the table grew, which fengari does not keep: a table is
 * taken as made by a constructor unless it is known to have grown from {} (rehashing on the way).
 * A constructor sizes both parts first, sets its keyed fields in turn and its positional ones after
 * them (OP_SETLIST: 50 at a time, each batch from its last), so its array part is taken to be the
 * run 1..n, cut at a key inserted earlier than that batch: a keyed field, as in {10, 20, [3] = 30}.
 */
export function lua51Order(keys: TableKey[], grownFromEmpty: boolean): number[] {
  let table = new Lua51Table(0, 0)
  if (!grownFromEmpty) {
    const inserted = new Map(keys.map((key, i) => [key, i]))
    let positional = 0
    for (let at = inserted.get(1), previous = at; at !== undefined; previous = at, at = inserted.get(positional + 1)) {
      if (previous !== undefined && at < previous - 1) break
      positional++
    }
    table = new Lua51Table(positional, keys.length - positional)
  }
  keys.forEach((key, i) => table.insert(key, i))
  return table.order()
}
