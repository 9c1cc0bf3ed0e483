// A command's syntax line from its argument tree, in the notation redis-cli's help uses:
// `key value [NX|XX] [GET] [EX seconds|PX milliseconds|...]`.
import type { Arg, CommandSpec } from '../../../worker/commands/spec.ts'

export type CommandTable = ReadonlyMap<string, CommandSpec>

/** The words an argument's value shows, without its token, optional brackets or repetition. */
export function renderValue(arg: Arg): string | undefined {
  switch (arg.type) {
    case 'block':
      return (arg.args ?? []).map(renderArg).join(' ')
    case 'oneof':
      return (arg.args ?? []).map(renderArg).join('|')
    case 'pure-token':
      return undefined
    default:
      return arg.display ?? arg.name
  }
}

/** One occurrence of an argument: its token and value. */
export function renderOnce(arg: Arg): string {
  return [arg.token, renderValue(arg)].filter((part) => part !== undefined && part !== '').join(' ')
}

/** An argument as a syntax line shows it. */
export function renderArg(arg: Arg): string {
  let text = renderValue(arg)
  if (arg.multiple) {
    text = arg.multipleToken ? `${text} [${arg.token} ${text} ...]` : `${text} [${text} ...]`
  }
  text = [arg.token, text].filter((part) => part !== undefined && part !== '').join(' ')
  return arg.optional ? `[${text}]` : text
}

/** The argument part of a command's syntax ("key value [NX|XX] ..."); '' for none. */
export function renderArgs(args: readonly Arg[]): string {
  return args.map(renderArg).join(' ')
}

/** Upper-case names of a container's subcommands, sorted. */
export function subcommandNames(spec: CommandSpec): string[] {
  return Object.keys(spec.subcommands ?? {}).map((name) => name.toUpperCase()).sort()
}

/** A command (or subcommand) found in the table from the words typed. */
export interface Resolved {
  /** "SET" or "CONFIG GET". */
  title: string
  spec: CommandSpec
  /** How many words the name took (1, or 2 with a subcommand). */
  nameWords: number
}

/** Looks a command up by its first word(s); a container with no (known) subcommand typed resolves to itself. */
export function resolveCommand(table: CommandTable, words: readonly string[]): Resolved | undefined {
  const name = words[0]?.toLowerCase()
  const spec = name === undefined ? undefined : table.get(name)
  if (spec === undefined) return undefined
  const subName = words[1]?.toLowerCase()
  // Own properties only: a typed "constructor" must not find Object.prototype's.
  const sub = subName !== undefined && spec.subcommands !== undefined && Object.hasOwn(spec.subcommands, subName)
    ? spec.subcommands[subName]
    : undefined
  if (sub !== undefined) return { title: `${name.toUpperCase()} ${subName.toUpperCase()}`, spec: sub, nameWords: 2 }
  return { title: name.toUpperCase(), spec, nameWords: 1 }
}
