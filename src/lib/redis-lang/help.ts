// HELP in the console, answered from the command table as redis-cli answers it from its own
// copy: `HELP SET`, `HELP CONFIG` (every subcommand), `HELP @string` (a whole group), `HELP`.
import type { CommandSpec, Group } from '../../../worker/commands/spec.ts'
import { type CommandTable, renderArgs } from './syntax.ts'

/** redis-cli's spelling of the group names (`@sorted_set`). */
export function groupTopic(group: Group): string {
  return `@${group.replace(/-/g, '_')}`
}

interface HelpEntry {
  /** ['config', 'get'] */
  names: string[]
  spec: CommandSpec
}

/** Every command and subcommand, alphabetically, containers before their subcommands. */
function entries(table: CommandTable): HelpEntry[] {
  const list: HelpEntry[] = []
  for (const name of [...table.keys()].sort()) {
    const spec = table.get(name) as CommandSpec
    list.push({ names: [name], spec })
    for (const sub of Object.keys(spec.subcommands ?? {}).sort()) {
      list.push({ names: [name, sub], spec: (spec.subcommands as Record<string, CommandSpec>)[sub] })
    }
  }
  return list
}

function entryText(entry: HelpEntry, withGroup: boolean): string {
  const { spec } = entry
  const syntax = [entry.names.join(' ').toUpperCase(), renderArgs(spec.args)].filter(Boolean).join(' ')
  const lines = [
    `  ${syntax}`,
    `  summary: ${spec.summary}`,
    ...(spec.complexity === undefined ? [] : [`  complexity: ${spec.complexity}`]),
    `  since: ${spec.since}`,
  ]
  if (withGroup) lines.push(`  group: ${groupTopic(spec.group).slice(1)}`)
  return lines.join('\n')
}

const BANNER = [
  'To get help about Redis commands type:',
  '      "help @<group>" to get a list of commands in <group>',
  '      "help <command>" for help on <command>',
  '      "help <tab>" to get a list of possible help topics',
  '',
  'The console also knows:',
  '      "clear" (or Ctrl+L) to clear the output',
  '      Up and Down to walk through the command history',
].join('\n')

/** The topics HELP knows besides command names: the groups present in the table. */
export function helpGroups(table: CommandTable): string[] {
  return [...new Set([...table.values()].map((spec) => groupTopic(spec.group)))].sort()
}

/** The text HELP prints for its arguments (the words after HELP). */
export function helpText(table: CommandTable, args: readonly string[]): string {
  if (args.length === 0) return BANNER
  const all = entries(table)
  const topic = args[0].toLowerCase()
  if (topic.startsWith('@') && args.length === 1) {
    const group = topic.replace(/_/g, '-').slice(1)
    const members = all.filter((entry) => entry.spec.group === group)
    if (members.length > 0) return members.map((entry) => entryText(entry, false)).join('\n\n')
  }
  // Like redis-cli: every entry whose name starts with the words given ("help config" lists CONFIG's subcommands).
  const wanted = args.map((word) => word.toLowerCase())
  const matches = all.filter(
    (entry) => wanted.length <= entry.names.length && wanted.every((word, i) => entry.names[i] === word),
  )
  if (matches.length === 0) return `No help for "${args.join(' ')}". Try "help @<group>", for example "help @string".`
  return matches.map((entry) => entryText(entry, true)).join('\n\n')
}
