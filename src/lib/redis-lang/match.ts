// Matches the words of a console line against a command's argument tree (worker/commands/spec.ts)
// to find what may come next: the rest of the syntax line (the hint) and the arguments that can
// take the next word (for completion). Along the way it notes what each word is (command, option
// token, key, value) for highlighting.
//
// The rules follow how Redis parses its commands: required arguments come in order; options led
// by a token (NX, EX seconds, LIMIT offset count) may come in any order among their neighbours
// and are tried before a positional argument; a `multiple` argument stays open for more. The
// matcher is greedy and never backtracks across arguments, which is enough for hints.
import type { Arg } from '../../../worker/commands/spec.ts'
import { type CommandTable, type Resolved, renderArg, renderOnce, renderValue, resolveCommand, subcommandNames } from './syntax.ts'

export type Role = 'command' | 'subcommand' | 'token' | 'key' | 'value'

/** What may follow when the words run out. */
export interface Next {
  /** The remaining syntax, one part per argument ("value", "[NX|XX]", ...). */
  hint: string[]
  /** The arguments that can take the next word. */
  expect: Arg[]
  /** Whether the line would be complete as it is (no required argument missing). */
  satisfied: boolean
}

interface Open extends Next {
  kind: 'open'
}
interface Done {
  kind: 'done'
  pos: number
}
type Outcome = Open | Done | null

export interface Analysis {
  resolved?: Resolved
  /** What each word is, by index; undefined where the words stop fitting the syntax. */
  roles: Array<Role | undefined>
  /** What may follow the words; undefined when they do not fit the command's syntax or the command is unknown. */
  next?: Next
}

const NUMERIC = /^\(?[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^\(?[+-]?inf$/i

/** Whether an argument starts with a fixed token (so it can be recognised wherever it appears). */
function leadsWithToken(arg: Arg, repeating = false): boolean {
  if (repeating && arg.multiple && !arg.multipleToken) return false
  if (arg.token !== undefined) return true
  if (arg.type === 'oneof') return (arg.args ?? []).every((alternative) => leadsWithToken(alternative))
  if (arg.type === 'block') {
    const first = arg.args?.[0]
    return first !== undefined && !first.optional && leadsWithToken(first)
  }
  return false
}

/** An argument after its token: only the value is left to type. */
function valueOnly(arg: Arg): Arg {
  return { ...arg, token: undefined, optional: false, multiple: false, multipleToken: false }
}

/** What is still to come of a sequence: unmatched arguments in full, started `multiple` ones as "[x ...]". */
function remaining(args: readonly Arg[], count: readonly number[], start: number): string[] {
  const parts: string[] = []
  for (let j = start; j < args.length; j++) {
    const arg = args[j]
    if (count[j] === 0) parts.push(renderArg(arg))
    else if (arg.multiple) parts.push(`[${arg.multipleToken ? renderOnce(arg) : renderValue(arg)} ...]`)
  }
  return parts
}

/** Indexes of the arguments that may take the next word: open options up to the next required argument. */
function window(args: readonly Arg[], count: readonly number[], start: number): number[] {
  const open: number[] = []
  for (let j = start; j < args.length; j++) {
    if (count[j] > 0 && !args[j].multiple) continue
    open.push(j)
    if (!args[j].optional && count[j] === 0) break
  }
  return open
}

class Matcher {
  constructor(
    private readonly words: readonly string[],
    readonly roles: Array<Role | undefined>,
  ) {}

  /** Runs `attempt`, undoing the roles it noted when it fails. */
  private attempt(run: () => Outcome): Outcome {
    const saved = this.roles.slice()
    const outcome = run()
    if (outcome === null) {
      this.roles.length = 0
      this.roles.push(...saved)
    }
    return outcome
  }

  /** `strict`: the first word must look like its type (the sequence is an optional block). */
  sequence(args: readonly Arg[], pos: number, strict = false): Outcome {
    const count = args.map(() => 0)
    const first = pos
    let start = 0
    for (;;) {
      const candidates = window(args, count, start)
      const satisfied = candidates.every((j) => args[j].optional || count[j] > 0)
      if (pos >= this.words.length) {
        return {
          kind: 'open',
          hint: remaining(args, count, start),
          expect: candidates.map((j) => (count[j] > 0 && !args[j].multipleToken ? valueOnly(args[j]) : args[j])),
          satisfied,
        }
      }
      let outcome: Outcome = null
      let matched = -1
      // Options led by a token first: they are recognised wherever they stand.
      for (const j of candidates) {
        if (!leadsWithToken(args[j], count[j] > 0)) continue
        outcome = this.attempt(() => this.once(args[j], pos, count[j] > 0, false))
        if (outcome !== null) {
          matched = j
          break
        }
      }
      if (outcome === null) {
        for (const j of candidates) {
          if (leadsWithToken(args[j], count[j] > 0)) continue
          // An optional or repeated value must look like its type, or it would swallow what follows.
          const typed = args[j].optional === true || count[j] > 0 || (strict && pos === first)
          outcome = this.attempt(() => this.once(args[j], pos, count[j] > 0, typed))
          if (outcome !== null) {
            matched = j
            // A positional argument fixes the order: whatever stood before it is passed.
            start = j
            break
          }
        }
      }
      if (outcome === null) return satisfied ? { kind: 'done', pos } : null
      count[matched]++
      if (!args[matched].optional) start = Math.max(start, matched)
      // An option ends the repeated values before it (`key [key ...] WEIGHTS ...` takes no more keys).
      while (start < matched && count[start] > 0 && args[start].multiple && !args[start].multipleToken) start++
      if (outcome.kind === 'open') {
        const after = window(args, count, start)
        const afterSatisfied = after.every((j) => args[j].optional || count[j] > 0)
        return {
          kind: 'open',
          hint: [...outcome.hint, ...remaining(args, count, start)],
          expect: outcome.satisfied
            ? [...outcome.expect, ...after.map((j) => (count[j] > 0 && !args[j].multipleToken ? valueOnly(args[j]) : args[j]))]
            : outcome.expect,
          satisfied: outcome.satisfied && afterSatisfied,
        }
      }
      pos = outcome.pos
    }
  }

  /** One occurrence of an argument at `pos` (there is a word there). */
  private once(arg: Arg, pos: number, repeating: boolean, strict: boolean): Outcome {
    let at = pos
    if (arg.token !== undefined && !(repeating && arg.multiple && !arg.multipleToken)) {
      if (this.words[at].toUpperCase() !== arg.token.toUpperCase()) return null
      this.roles[at++] = 'token'
      if (arg.type === 'pure-token') return { kind: 'done', pos: at }
      if (at >= this.words.length) {
        return { kind: 'open', hint: [renderValue(arg) ?? ''], expect: [valueOnly(arg)], satisfied: false }
      }
      strict = false
    }
    return this.value(arg, at, strict)
  }

  private value(arg: Arg, pos: number, strict: boolean): Outcome {
    switch (arg.type) {
      case 'oneof': {
        const alternatives = arg.args ?? []
        const ordered = [
          ...alternatives.filter((alternative) => leadsWithToken(alternative)),
          ...alternatives.filter((alternative) => !leadsWithToken(alternative)),
        ]
        for (const alternative of ordered) {
          const outcome = this.attempt(() => this.once(alternative, pos, false, strict))
          if (outcome !== null) return outcome
        }
        return null
      }
      case 'block': {
        const outcome = this.sequence(arg.args ?? [], pos, strict)
        return outcome === null || (outcome.kind === 'done' && outcome.pos === pos) ? null : outcome
      }
      case 'pure-token':
        return null
      case 'integer':
      case 'double':
      case 'unix-time':
        if (strict && !NUMERIC.test(this.words[pos])) return null
        this.roles[pos] = 'value'
        return { kind: 'done', pos: pos + 1 }
      default:
        this.roles[pos] = arg.type === 'key' ? 'key' : 'value'
        return { kind: 'done', pos: pos + 1 }
    }
  }
}

/** Reads the words of one command line (argument values, quotes removed) against the table. */
export function analyze(table: CommandTable, words: readonly string[]): Analysis {
  const roles: Array<Role | undefined> = []
  const resolved = resolveCommand(table, words)
  if (resolved === undefined) return { roles }
  roles[0] = 'command'
  if (resolved.nameWords === 2) roles[1] = 'subcommand'
  const { spec } = resolved
  if (resolved.nameWords === 1 && spec.subcommands !== undefined) {
    // A container: the next word must be one of its subcommands (COMMAND also works alone).
    if (words.length > 1) return { resolved, roles }
    const names = subcommandNames(spec)
    const alone = spec.arity === -1
    const list = names.join('|')
    return { resolved, roles, next: { hint: [alone ? `[${list}]` : list], expect: [], satisfied: alone } }
  }
  const outcome = new Matcher(words, roles).sequence(spec.args, resolved.nameWords)
  if (outcome === null || outcome.kind === 'done') return { resolved, roles }
  const { hint, expect, satisfied } = outcome
  return { resolved, roles, next: { hint, expect, satisfied } }
}

/** The option tokens an expected argument can start with, in syntax order. */
export function leadingTokens(arg: Arg): string[] {
  if (arg.token !== undefined) return [arg.token]
  if (arg.type === 'oneof') return (arg.args ?? []).flatMap(leadingTokens)
  if (arg.type === 'block') return leadingArgs(arg.args ?? []).flatMap(leadingTokens)
  return []
}

/** Whether an expected argument can be a key name. */
export function takesKey(arg: Arg): boolean {
  if (arg.token !== undefined) return false
  if (arg.type === 'key') return true
  if (arg.type === 'oneof') return (arg.args ?? []).some(takesKey)
  if (arg.type === 'block') return leadingArgs(arg.args ?? []).some(takesKey)
  return false
}

/** The arguments a block can start with: its optional ones up to the first required one. */
function leadingArgs(args: readonly Arg[]): Arg[] {
  const out: Arg[] = []
  for (const arg of args) {
    out.push(arg)
    if (!arg.optional) break
  }
  return out
}
