// A Redis set of byte strings.
export class SetValue {
  readonly kind = 'set' as const
  members = new Set<string>()
  get size(): number {
    return this.members.size
  }
}
