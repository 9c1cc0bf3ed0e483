// A Redis list: a double-ended queue of byte strings in a growable ring buffer.
// Push and pop at both ends and access by index are O(1); inserting or removing in the middle
// moves the elements on the shorter side, O(N) like Redis's quicklist.

const MIN_CAPACITY = 8

export class ListValue implements Iterable<string> {
  readonly kind = 'list' as const
  /** Capacity is a power of two so positions wrap with a mask. Empty slots hold undefined. */
  private buffer: Array<string | undefined> = new Array(MIN_CAPACITY)
  private head = 0
  private length = 0

  constructor(elements: Iterable<string> = []) {
    for (const element of elements) this.pushBack(element)
  }

  get size(): number {
    return this.length
  }

  /** What Redis 7.0's OBJECT ENCODING reports: every list is a quicklist in 7.0. */
  encoding(_config: Map<string, string>): string {
    return 'quicklist'
  }

  pushFront(element: string): void {
    this.reserve(this.length + 1)
    this.head = (this.head - 1) & this.mask
    this.buffer[this.head] = element
    this.length++
  }

  pushBack(element: string): void {
    this.reserve(this.length + 1)
    this.buffer[(this.head + this.length) & this.mask] = element
    this.length++
  }

  popFront(): string | undefined {
    if (this.length === 0) return undefined
    const element = this.buffer[this.head]
    this.buffer[this.head] = undefined
    this.head = (this.head + 1) & this.mask
    this.length--
    this.shrinkIfSparse()
    return element
  }

  popBack(): string | undefined {
    if (this.length === 0) return undefined
    const slot = (this.head + this.length - 1) & this.mask
    const element = this.buffer[slot]
    this.buffer[slot] = undefined
    this.length--
    this.shrinkIfSparse()
    return element
  }

  /** The element at a zero-based index; negative indexes count from the tail (-1 is the last). */
  at(index: number): string | undefined {
    const i = index < 0 ? this.length + index : index
    if (i < 0 || i >= this.length) return undefined
    return this.buffer[(this.head + i) & this.mask]
  }

  /** Replaces the element at an index (negative from the tail). Returns false when out of range. */
  set(index: number, element: string): boolean {
    const i = index < 0 ? this.length + index : index
    if (i < 0 || i >= this.length) return false
    this.buffer[(this.head + i) & this.mask] = element
    return true
  }

  /** Position of the first element equal to `element`, from the head, or -1. */
  indexOf(element: string): number {
    for (let i = 0; i < this.length; i++) {
      if (this.buffer[(this.head + i) & this.mask] === element) return i
    }
    return -1
  }

  /** Inserts so that the new element ends up at `index` (0..size), moving the shorter side. */
  insert(index: number, element: string): void {
    if (index <= 0) return this.pushFront(element)
    if (index >= this.length) return this.pushBack(element)
    this.reserve(this.length + 1)
    const mask = this.mask
    if (index < this.length / 2) {
      this.head = (this.head - 1) & mask
      for (let i = 0; i < index; i++) {
        this.buffer[(this.head + i) & mask] = this.buffer[(this.head + i + 1) & mask]
      }
    } else {
      for (let i = this.length; i > index; i--) {
        this.buffer[(this.head + i) & mask] = this.buffer[(this.head + i - 1) & mask]
      }
    }
    this.buffer[(this.head + index) & mask] = element
    this.length++
  }

  /**
   * Removes up to `limit` elements equal to `element` (0 = all), scanning from the head, or
   * from the tail when `fromTail`. Returns how many were removed. One O(N) compaction pass.
   */
  removeMatching(element: string, limit: number, fromTail: boolean): number {
    const mask = this.mask
    let removed = 0
    if (!fromTail) {
      let write = 0
      for (let read = 0; read < this.length; read++) {
        const value = this.buffer[(this.head + read) & mask]
        if (value === element && (limit === 0 || removed < limit)) {
          removed++
          continue
        }
        this.buffer[(this.head + write++) & mask] = value
      }
      for (let i = write; i < this.length; i++) this.buffer[(this.head + i) & mask] = undefined
    } else {
      let write = this.length - 1
      for (let read = this.length - 1; read >= 0; read--) {
        const value = this.buffer[(this.head + read) & mask]
        if (value === element && (limit === 0 || removed < limit)) {
          removed++
          continue
        }
        this.buffer[(this.head + write--) & mask] = value
      }
      for (let i = 0; i <= write; i++) this.buffer[(this.head + i) & mask] = undefined
      this.head = (this.head + removed) & mask
    }
    this.length -= removed
    this.shrinkIfSparse()
    return removed
  }

  /** Drops `fromFront` elements at the head and `fromBack` at the tail (LTRIM). O(removed). */
  trim(fromFront: number, fromBack: number): void {
    const front = Math.min(fromFront, this.length)
    for (let i = 0; i < front; i++) this.buffer[(this.head + i) & this.mask] = undefined
    this.head = (this.head + front) & this.mask
    this.length -= front
    const back = Math.min(fromBack, this.length)
    for (let i = this.length - back; i < this.length; i++) this.buffer[(this.head + i) & this.mask] = undefined
    this.length -= back
    this.shrinkIfSparse()
  }

  /** Elements from `start` to `stop` inclusive, head to tail (0 <= start <= stop < size). */
  range(start: number, stop: number): string[] {
    const out: string[] = []
    for (let i = start; i <= stop; i++) out.push(this.buffer[(this.head + i) & this.mask] as string)
    return out
  }

  /** Head to tail. */
  *values(): IterableIterator<string> {
    for (let i = 0; i < this.length; i++) yield this.buffer[(this.head + i) & this.mask] as string
  }

  /** Tail to head. */
  *reversed(): IterableIterator<string> {
    for (let i = this.length - 1; i >= 0; i--) yield this.buffer[(this.head + i) & this.mask] as string
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.values()
  }

  /** A deep copy (COPY). */
  clone(): ListValue {
    return new ListValue(this.values())
  }

  private get mask(): number {
    return this.buffer.length - 1
  }

  private reserve(needed: number): void {
    if (needed <= this.buffer.length) return
    let capacity = this.buffer.length * 2
    while (capacity < needed) capacity *= 2
    this.resize(capacity)
  }

  /** Halves the buffer when it is mostly empty, so a list that grew and shrank gives memory back. */
  private shrinkIfSparse(): void {
    if (this.buffer.length > MIN_CAPACITY && this.length < this.buffer.length / 4) {
      this.resize(Math.max(MIN_CAPACITY, this.buffer.length / 2))
    }
  }

  private resize(capacity: number): void {
    const next: Array<string | undefined> = new Array(capacity)
    for (let i = 0; i < this.length; i++) next[i] = this.buffer[(this.head + i) & this.mask]
    this.buffer = next
    this.head = 0
  }
}
