// A Redis list: a double-ended queue of byte strings.
// (Filled in by the lists work: O(1) push/pop at both ends.)
export class ListValue {
  readonly kind = 'list' as const
  items: string[] = []
  get size(): number {
    return this.items.length
  }
}
