// Text of the benchmark's tables: Markdown tables padded to line up in a terminal too.
import type { Outcome } from './outcome.ts'

/** A cost per operation with a readable unit. */
export function formatNs(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(0)} ns`
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`
  return `${(ns / 1_000_000).toFixed(2)} ms`
}

const shorten = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 3)}...` : text)

export function formatOutcome(outcome: Outcome | undefined, showCalls = false): string {
  if (outcome === undefined) return 'n/a'
  if (!outcome.ok) return `n/a (${shorten(outcome.reason, 60)})`
  if (!showCalls) return formatNs(outcome.nsPerOp)
  const notes = [`${outcome.ops.toLocaleString('en-US')} calls`, ...(outcome.note === undefined ? [] : [outcome.note])]
  return `${formatNs(outcome.nsPerOp)} (${notes.join(', ')})`
}

/** a / b when both were measured, as 'x12.3' text (speed-up) or '0.85' (ratio). */
export function ratio(a: Outcome | undefined, b: Outcome | undefined, style: 'times' | 'plain'): string {
  if (a === undefined || b === undefined || !a.ok || !b.ok) return 'n/a'
  const value = a.nsPerOp / b.nsPerOp
  if (style === 'plain') return value.toFixed(2)
  return `x${value >= 100 ? value.toFixed(0) : value.toFixed(1)}`
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)))
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}
