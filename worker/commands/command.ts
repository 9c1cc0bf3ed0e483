// COMMAND and its subcommands: the command table as Redis reports it (see introspection.ts).
import type { Handler } from '../engine.ts'
import { fail, SYNTAX } from '../errors.ts'
import { globMatch } from '../glob.ts'
import { array, bulk, bulks, int, map, NIL, type Reply } from '../reply.ts'
import { COMMANDS } from './table.ts'
import type { CommandSpec } from './spec.ts'
import { helpReply } from './help.ts'
import {
  aclCategories, allCommands, commandDocs, commandInfo, findKeys, hasKeys, keyFlagsReply, lookupByFullName,
} from './introspection.ts'

const allInfo = (): Reply => array([...COMMANDS].map(([name, spec]) => commandInfo(name, spec)))

/** The command a GETKEYS line names: a subcommand when the command is a container and one is given. */
function targetOf(argv: string[]): { name: string; spec: CommandSpec } | undefined {
  const name = argv[0].toLowerCase()
  const spec = COMMANDS.get(name)
  if (spec === undefined || spec.subcommands === undefined || argv.length === 1) return spec && { name, spec }
  const sub = argv[1].toLowerCase()
  return Object.hasOwn(spec.subcommands, sub) ? { name: `${name}|${sub}`, spec: spec.subcommands[sub] } : undefined
}

/** COMMAND GETKEYS and GETKEYSANDFLAGS: the checks and errors of Redis's getKeysSubcommandImpl. */
function getKeys(argv: string[], withFlags: boolean): Reply {
  const target = targetOf(argv)
  if (target === undefined) fail('ERR Invalid command specified')
  const { name, spec } = target
  if (!hasKeys(spec)) fail('ERR The command has no key arguments')
  if ((spec.arity > 0 && spec.arity !== argv.length) || argv.length < -spec.arity) {
    fail('ERR Invalid number of arguments specified for command')
  }
  const keys = findKeys(name, spec, argv)
  if (keys === undefined || keys.length === 0) {
    if (spec.flags.includes('no_mandatory_keys')) return array([])
    fail('ERR Invalid arguments specified for command')
  }
  return array(keys.map(({ index, flags }) =>
    withFlags ? array([bulk(argv[index]), keyFlagsReply(flags)]) : bulk(argv[index])))
}

/** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]. */
function list(args: string[]): Reply {
  let keep: (name: string, spec: CommandSpec) => boolean = () => true
  for (let i = 0; i < args.length; i += 3) {
    if (args[i].toUpperCase() !== 'FILTERBY' || args.length - 1 - i !== 2) fail(SYNTAX)
    const [type, value] = [args[i + 1].toUpperCase(), args[i + 2]]
    if (type === 'MODULE') {
      // The playground loads no modules.
      keep = () => false
    } else if (type === 'ACLCAT') {
      const category = value.toLowerCase()
      keep = (_name, spec) => aclCategories(spec).includes(category)
    } else if (type === 'PATTERN') {
      keep = (name) => globMatch(value, name, true)
    } else {
      fail(SYNTAX)
    }
  }
  const names: string[] = []
  for (const [name, spec] of allCommands(COMMANDS)) if (keep(name, spec)) names.push(name)
  return bulks(names)
}

export const commandHandlers: Record<string, Handler> = {
  command: () => allInfo(),
  'command|count': () => int(COMMANDS.size),
  'command|info': (_ctx, names) => {
    if (names.length === 0) return allInfo()
    return array(names.map((name) => {
      const found = lookupByFullName(COMMANDS, name)
      return found === undefined ? NIL : commandInfo(found.name, found.spec)
    }))
  },
  'command|docs': (_ctx, names) => {
    const pairs: Array<[Reply, Reply]> = []
    if (names.length === 0) {
      for (const [name, spec] of COMMANDS) pairs.push([bulk(name), commandDocs(name, spec)])
    }
    for (const name of names) {
      const found = lookupByFullName(COMMANDS, name)
      if (found !== undefined) pairs.push([bulk(found.name), commandDocs(found.name, found.spec)])
    }
    return map(pairs)
  },
  'command|list': (_ctx, args) => list(args),
  'command|getkeys': (_ctx, argv) => getKeys(argv, false),
  'command|getkeysandflags': (_ctx, argv) => getKeys(argv, true),
  'command|help': () => helpReply('COMMAND', [
    '(no subcommand)',
    '    Describe every command: name, arity, flags, key positions, ACL categories, tips, key specs, subcommands.',
    'COUNT',
    '    Return how many commands the server knows.',
    'LIST [FILTERBY (MODULE <module-name>|ACLCAT <category>|PATTERN <pattern>)]',
    '    Return the names of all commands and subcommands, or of those that pass the filter.',
    'INFO [<command-name> ...]',
    '    Describe the named commands as COMMAND does; nil for unknown names.',
    '    Without names, describe every command.',
    'DOCS [<command-name> ...]',
    '    Return the documentation of the named commands.',
    '    Without names, return the documentation of every command.',
    'GETKEYS <full-command>',
    '    Return the key names in a complete command line.',
    'GETKEYSANDFLAGS <full-command>',
    '    Return the key names in a complete command line, each with how the command uses it.',
  ]),
}
