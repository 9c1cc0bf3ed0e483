// Full SCAN-family iterations, for the engine and for redis-server alike.
import type { Reply } from '../../worker/reply.ts'
import { bulkTexts, show } from './redis-server.ts'

/**
 * Follows `command` (['SCAN'] or ['SSCAN', key], ...) from cursor 0 until the cursor is 0 again,
 * with `options` after the cursor, and returns every item of every page in order (repeats kept;
 * field and value, or member and score, alternate for HSCAN and ZSCAN). `between(round)` runs
 * after each call, to change the data while the iteration goes on.
 */
export async function scanAll(
  call: (argv: string[]) => Promise<Reply> | Reply, command: string[], options: string[] = [],
  between: (round: number) => void = () => {},
): Promise<string[]> {
  const items: string[] = []
  let cursor = '0'
  for (let round = 0; round < 10_000; round++) {
    const reply = await call([...command, cursor, ...options])
    const page = reply.type === 'array' && reply.value.length === 2 ? bulkTexts(reply.value[1]) : undefined
    const next = reply.type === 'array' ? reply.value[0] : reply
    if (page === undefined || next.type !== 'bulk') throw new Error(`${command[0]} replied ${show(reply)}`)
    items.push(...page)
    cursor = next.value
    if (cursor === '0') return items
    between(round)
  }
  throw new Error(`${command[0]} did not finish`)
}

/** [name, value] pairs of a flat HSCAN or ZSCAN item list. */
export function pairsOf(items: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (let i = 0; i < items.length; i += 2) pairs.push([items[i], items[i + 1]])
  return pairs
}
