// The console's command history, like redis-cli's ~/.rediscli_history: the last lines run, kept
// in localStorage across reloads, walked with Up and Down (the line being typed is kept as a draft).

export interface HistoryStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

const KEY = 'redis-playground:history'

export class CommandHistory {
  private readonly items: string[]
  /** Where Up/Down stand: items.length means "the draft". */
  private position: number
  private draft = ''

  constructor(
    private readonly store: HistoryStore | undefined,
    private readonly limit = 500,
  ) {
    this.items = load(store)
    this.position = this.items.length
  }

  get size(): number {
    return this.items.length
  }

  /** Records lines that were run (not the same twice in a row), saves once, and goes back to the draft. */
  add(...lines: string[]): void {
    const before = this.items.length
    for (const line of lines) {
      const trimmed = line.trim()
      if (trimmed !== '' && this.items[this.items.length - 1] !== trimmed) this.items.push(trimmed)
    }
    if (this.items.length !== before) {
      if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit)
      this.save()
    }
    this.position = this.items.length
    this.draft = ''
  }

  /** The line before the one shown (`current` is kept as the draft when leaving it); undefined at the oldest. */
  previous(current: string): string | undefined {
    if (this.position === 0) return undefined
    if (this.position === this.items.length) this.draft = current
    this.position--
    return this.items[this.position]
  }

  /** The line after the one shown, or the draft after the newest; undefined when already at the draft. */
  next(): string | undefined {
    if (this.position >= this.items.length) return undefined
    this.position++
    return this.position === this.items.length ? this.draft : this.items[this.position]
  }

  private save(): void {
    try {
      this.store?.setItem(KEY, JSON.stringify(this.items))
    } catch {
      // Storage full or refused: the history still works for this page.
    }
  }
}

function load(store: HistoryStore | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(KEY) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : []
  } catch {
    return []
  }
}

/** localStorage when the page may use it (it throws in some private modes). */
export function browserHistoryStore(): HistoryStore | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined
  }
}
