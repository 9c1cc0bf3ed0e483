// What the console can complete at a position in a line: command names, subcommands, option
// tokens that fit there (from the argument tree), HELP topics, and whether a key name fits
// (the editor then asks the engine for matching keys).
import type { Arg } from '../../../worker/commands/spec.ts'
import { helpGroups } from './help.ts'
import { analyze, leadingTokens, takesKey } from './match.ts'
import { type CommandTable, renderArgs, renderValue, resolveCommand, subcommandNames } from './syntax.ts'
import { isBlank, lexLine } from './words.ts'

export interface CompletionOption {
  /** What the list shows ("SET", "NX", "@string"). */
  label: string
  /** What replaces the typed prefix (in the prefix's letter case, with a blank after it when none follows). */
  apply: string
  type: 'command' | 'subcommand' | 'token' | 'topic'
  /** Short text beside the label (the arguments that follow). */
  detail?: string
  /** Longer description (a command's summary). */
  info?: string
}

export interface Completion {
  /** The range the chosen option replaces. */
  from: number
  to: number
  /** The typed part of the word (quotes removed), to filter key names with. */
  prefix: string
  options: CompletionOption[]
  /** Whether a key name fits here: the caller adds existing keys that start with `prefix`. */
  keys: boolean
  /** Text to put after a completed key: a blank, unless one follows already. */
  suffix: string
}

/** Commands the console answers itself. */
const PAGE_COMMANDS: ReadonlyArray<[string, string]> = [
  ['HELP', 'Shows the syntax and summary of a command or of a group of commands (HELP SET, HELP @string).'],
  ['CLEAR', 'Clears this client\'s output (Ctrl+L does the same).'],
]

/** Upper-case text in the letter case the user started typing in. */
function inCaseOf(prefix: string, text: string): string {
  return prefix !== '' && prefix === prefix.toLowerCase() && prefix !== prefix.toUpperCase() ? text.toLowerCase() : text
}

function startsWith(text: string, prefix: string): boolean {
  return text.toLowerCase().startsWith(prefix.toLowerCase())
}

export function completeAt(table: CommandTable, line: string, pos: number): Completion | undefined {
  const words = lexLine(line)
  let index = words.findIndex((word) => word.from <= pos && pos <= word.to)
  const current = index >= 0 ? words[index] : undefined
  if (index < 0) index = words.filter((word) => word.to < pos).length
  const from = current?.from ?? pos
  const to = current?.to ?? pos
  const raw = current === undefined ? '' : line.slice(current.from, pos)
  // Inside a quoted word only key names make sense; its prefix is the value typed so far.
  const prefix = current?.quoted ? current.value : raw
  const suffix = isBlank(line[to]) ? '' : ' '
  const before = words.slice(0, index).map((word) => word.value)
  const option = (label: string, type: CompletionOption['type'], detail?: string, info?: string): CompletionOption =>
    ({ label, apply: inCaseOf(raw, label) + suffix, type, detail, info })
  const result = (options: CompletionOption[], keys = false): Completion | undefined =>
    options.length === 0 && !keys ? undefined : { from, to, prefix, options, keys, suffix }

  const commandOptions = (): CompletionOption[] => {
    if (current?.quoted) return []
    const options = [...table.keys()]
      .filter((name) => startsWith(name, raw))
      .sort()
      .map((name) => {
        const spec = table.get(name)
        const args = spec?.subcommands ? subcommandNames(spec).join('|') : renderArgs(spec?.args ?? [])
        return option(name.toUpperCase(), 'command', args, spec?.summary)
      })
    return options
  }

  if (index === 0) {
    const page = PAGE_COMMANDS.filter(([name]) => startsWith(name, raw) && !current?.quoted)
    return result([...commandOptions(), ...page.map(([name, info]) => option(name, 'command', undefined, info))])
  }
  if (current?.quoted === true && before.length === 0) return undefined

  if (before[0].toLowerCase() === 'help' && !table.has('help')) {
    if (index === 1) {
      const topics = current?.quoted ? [] : helpGroups(table).filter((topic) => startsWith(topic, raw))
      return result([...commandOptions(), ...topics.map((topic) => option(topic, 'topic'))])
    }
    const spec = table.get(before[1].toLowerCase())
    if (index === 2 && spec?.subcommands !== undefined && !current?.quoted) {
      return result(subcommandNames(spec).filter((name) => startsWith(name, raw)).map((name) => option(name, 'subcommand')))
    }
    return undefined
  }

  const resolved = resolveCommand(table, before)
  if (resolved === undefined) return undefined
  if (resolved.nameWords === 1 && resolved.spec.subcommands !== undefined) {
    if (index !== 1 || current?.quoted) return undefined
    const subcommands = resolved.spec.subcommands
    return result(
      subcommandNames(resolved.spec)
        .filter((name) => startsWith(name, raw))
        .map((name) => {
          const sub = subcommands[name.toLowerCase()]
          return option(name, 'subcommand', renderArgs(sub.args), sub.summary)
        }),
    )
  }
  const next = analyze(table, before).next
  if (next === undefined) return undefined
  const tokens = current?.quoted ? [] : tokenOptions(next.expect).filter(([token]) => startsWith(token, raw))
  return result(
    tokens.map(([token, detail]) => option(token, 'token', detail)),
    next.expect.some(takesKey),
  )
}

/** The option tokens the expected arguments start with, once each, with what follows each token. */
function tokenOptions(expect: readonly Arg[]): Array<[token: string, detail: string | undefined]> {
  const seen = new Map<string, string | undefined>()
  const visit = (arg: Arg): void => {
    if (arg.token !== undefined) {
      if (!seen.has(arg.token)) seen.set(arg.token, renderValue(arg) || undefined)
      return
    }
    if (arg.type === 'oneof' || arg.type === 'block') {
      for (const token of leadingTokens(arg)) {
        const source = findTokenArg(arg, token)
        if (!seen.has(token)) seen.set(token, source ? renderValue(source) || undefined : undefined)
      }
    }
  }
  for (const arg of expect) visit(arg)
  return [...seen]
}

function findTokenArg(arg: Arg, token: string): Arg | undefined {
  if (arg.token === token) return arg
  for (const child of arg.args ?? []) {
    const found = findTokenArg(child, token)
    if (found !== undefined) return found
  }
  return undefined
}
