// Table-wide checks that need no redis-server: every entry has a handler and every handler an
// entry, and each entry is internally consistent (arity against arguments, known flags and ACL
// categories, key arguments pointing at existing key specs).
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../worker/commands/table.ts'
import { HANDLERS } from '../../worker/commands/handlers.ts'
import type { Arg, CommandSpec } from '../../worker/commands/spec.ts'
import { ACL_CATEGORIES, allCommands, KEY_SPEC_FLAGS } from '../../worker/commands/introspection.ts'

const ALL = [...allCommands(COMMANDS)]

const KNOWN_FLAGS = new Set([
  'write', 'readonly', 'denyoom', 'admin', 'pubsub', 'noscript', 'blocking', 'loading', 'stale', 'skip_monitor',
  'skip_slowlog', 'fast', 'no_auth', 'may_replicate', 'sentinel', 'no_mandatory_keys', 'no_async_loading', 'no_multi',
  'movablekeys', 'allow_busy',
])

/** Commands whose arity in Redis 7.0 is not the minimal argument count of their documented syntax. */
const ARITY_EXCEPTIONS = new Set(['pfmerge', 'geopos', 'geohash', 'command|getkeys', 'command|getkeysandflags', 'debug', 'client|kill'])

/** The fewest words an argument takes on the command line. */
function minimalWords(arg: Arg): number {
  if (arg.optional) return 0
  const token = arg.token !== undefined && arg.type !== 'pure-token' ? 1 : 0
  if (arg.type === 'block') return token + (arg.args ?? []).reduce((sum, child) => sum + minimalWords(child), 0)
  if (arg.type === 'oneof') return token + Math.min(...(arg.args ?? []).map(minimalWords))
  return 1 + token
}

const isVariable = (arg: Arg): boolean => arg.optional === true || arg.multiple === true || (arg.args ?? []).some(isVariable)

const isContainer = (spec: CommandSpec) => spec.subcommands !== undefined

/** A container runs on its own only when its arity allows the bare name (COMMAND does, CLIENT does not). */
const runsBare = (spec: CommandSpec) => spec.arity === 1 || spec.arity === -1

function eachArg(args: Arg[], visit: (arg: Arg) => void): void {
  for (const arg of args) {
    visit(arg)
    eachArg(arg.args ?? [], visit)
  }
}

describe('the command table', () => {
  it('has a handler for every command and subcommand, and an entry for every handler', () => {
    const missingHandlers = ALL
      .filter(([, spec]) => !isContainer(spec) || runsBare(spec))
      .map(([name]) => name)
      .filter((name) => !HANDLERS.has(name))
    const handled = new Set(ALL.map(([name]) => name))
    const orphanHandlers = [...HANDLERS.keys()].filter((name) => !handled.has(name))
    const containersWithHandlers = ALL
      .filter(([name, spec]) => isContainer(spec) && !runsBare(spec) && HANDLERS.has(name))
      .map(([name]) => name)
    expect({ missingHandlers, orphanHandlers, containersWithHandlers })
      .toEqual({ missingHandlers: [], orphanHandlers: [], containersWithHandlers: [] })
  })

  it('uses lower-case names, subcommands only one level deep', () => {
    for (const [name, spec] of ALL) {
      expect(name).toBe(name.toLowerCase())
      if (name.includes('|')) expect(spec.subcommands, name).toBeUndefined()
    }
  })

  it('gives every entry a sensible arity for its arguments', () => {
    const wrong: string[] = []
    for (const [name, spec] of ALL) {
      if (isContainer(spec) || ARITY_EXCEPTIONS.has(name)) continue
      const words = (name.includes('|') ? 2 : 1) + spec.args.reduce((sum, arg) => sum + minimalWords(arg), 0)
      const fixed = !spec.args.some(isVariable)
      const ok = spec.arity > 0 ? fixed && words === spec.arity : words === -spec.arity
      if (!ok) wrong.push(`${name}: arity ${spec.arity}, arguments need ${words}${fixed ? '' : ' or more'}`)
    }
    expect(wrong).toEqual([])
  })

  it('uses only known flags, never both write and readonly, never twice', () => {
    for (const [name, spec] of ALL) {
      for (const flag of spec.flags) expect(KNOWN_FLAGS.has(flag), `${name}: ${flag}`).toBe(true)
      expect(new Set(spec.flags).size, name).toBe(spec.flags.length)
      expect(spec.flags.includes('write') && spec.flags.includes('readonly'), name).toBe(false)
    }
  })

  it('lists only known ACL categories, with their @', () => {
    for (const [name, spec] of ALL) {
      for (const category of spec.acl) {
        expect(category.startsWith('@') && ACL_CATEGORIES.includes(category.slice(1)), `${name}: ${category}`).toBe(true)
      }
    }
  })

  it('points key arguments at existing key specs, whose flags are known', () => {
    for (const [name, spec] of ALL) {
      eachArg(spec.args, (arg) => {
        if (arg.type === 'key') expect(arg.keySpec, `${name}: ${arg.name}`).toBeDefined()
        if (arg.keySpec !== undefined) expect(arg.keySpec, `${name}: ${arg.name}`).toBeLessThan(spec.keySpecs.length)
      })
      for (const keySpec of spec.keySpecs) {
        for (const flag of keySpec.flags) expect(KEY_SPEC_FLAGS.includes(flag), `${name}: ${flag}`).toBe(true)
      }
    }
  })

  it('has a summary, a complexity (unless Redis documents none) and a version for every entry', () => {
    const withoutComplexity = new Set(['monitor'])
    for (const [name, spec] of ALL) {
      expect(spec.summary.length, name).toBeGreaterThan(10)
      if (withoutComplexity.has(name)) expect(spec.complexity, name).toBeUndefined()
      else expect(spec.complexity?.length, name).toBeGreaterThan(0)
      expect(spec.since, name).toMatch(/^\d+\.\d+\.\d+$/)
    }
  })
})
