// The syntax hint shown after the cursor as a line is typed, like redis-cli's inline hints
// but following the arguments already given: after `SET key ` it reads
// `value [NX|XX] [GET] [EX seconds|...]` and shrinks as arguments are filled in.
import { analyze } from './match.ts'
import type { CommandTable } from './syntax.ts'
import { isBlank, lexLine } from './words.ts'

/** Page commands (handled in the console, not by the engine) and their hints. */
const PAGE_HINTS = new Map([['help', 'command|@group'], ['clear', '']])

/**
 * The hint for a line whose cursor is at its end, or undefined for none. It starts with a blank
 * when the line does not end with one, so it can be drawn right after the text.
 */
export function hintFor(table: CommandTable, line: string): string | undefined {
  const words = lexLine(line)
  if (words.length === 0) return undefined
  const last = words[words.length - 1]
  if (!last.closed || words.some((word) => !word.valid)) return undefined
  const separator = isBlank(line[line.length - 1]) ? '' : ' '
  const first = words[0].value.toLowerCase()
  if (!table.has(first) && PAGE_HINTS.has(first)) {
    const hint = PAGE_HINTS.get(first)
    return words.length === 1 && hint ? separator + hint : undefined
  }
  const next = analyze(table, words.map((word) => word.value)).next
  if (next === undefined || next.hint.length === 0) return undefined
  return separator + next.hint.join(' ')
}
