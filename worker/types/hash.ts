// A Redis hash: field -> value, in insertion order (as a listpack keeps it).
export class HashValue {
  readonly kind = 'hash' as const
  fields = new Map<string, string>()
  get size(): number {
    return this.fields.size
  }
}
