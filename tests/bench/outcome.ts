// What one measurement gives: a cost per operation, or why there is none.
import type { Reply } from '../../worker/reply.ts'

export type Outcome =
  | { ok: true; nsPerOp: number; ops: number; note?: string }
  | { ok: false; reason: string }

export const failed = (reason: string): Outcome => ({ ok: false, reason })

/** Short readable text of a reply, for 'n/a (unexpected reply: ...)'. */
export function describeReply(reply: Reply): string {
  const text = JSON.stringify(reply, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/** Why a reply cannot be timed, or undefined when it can. */
export function replyProblem(reply: Reply, valid: (reply: Reply) => boolean): string | undefined {
  if (reply.type === 'error') return `error: ${reply.value}`
  if (!valid(reply)) return `unexpected reply: ${describeReply(reply)}`
  return undefined
}
