// The console language as plain functions: splitting a line being typed, the syntax hint,
// completion, HELP, and the role of each word (for colours). Uses the real command table for
// Redis's own syntax lines, and a small table for the tree shapes the real one may not have yet.
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../worker/commands/table.ts'
import {
  type Arg, type CommandSpec, block, integer, key, multiple, oneof, optional, str, token,
} from '../../worker/commands/spec.ts'
import { analyze } from '../../src/lib/redis-lang/match.ts'
import { completeAt } from '../../src/lib/redis-lang/complete.ts'
import { helpGroups, helpText } from '../../src/lib/redis-lang/help.ts'
import { hintFor } from '../../src/lib/redis-lang/hint.ts'
import { renderArgs } from '../../src/lib/redis-lang/syntax.ts'
import { lexLine, quoteIfNeeded } from '../../src/lib/redis-lang/words.ts'
import { CommandHistory, type HistoryStore } from '../../src/console/history.ts'

const SET_OPTIONS = '[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]'

const spec = (args: Arg[], more: Partial<CommandSpec> = {}): CommandSpec => ({
  group: 'generic', arity: -2, flags: [], acl: [], keySpecs: [], args, summary: 'test', complexity: 'O(1)', since: '1.0.0',
  ...more,
})

/** Shapes worth testing on their own. */
const SHAPES: ReadonlyMap<string, CommandSpec> = new Map([
  // WEIGHTS-like: a token followed by several values; AGGREGATE after it ends them.
  ['union', spec([
    integer('numkeys'), multiple(key('key')),
    optional(multiple(integer('weight', { token: 'WEIGHTS' }))),
    optional(oneof('aggregate', [token('SUM'), token('MIN'), token('MAX')], { token: 'AGGREGATE' })),
  ])],
  // SORT's GET pattern [GET pattern ...]: the token repeats.
  ['pick', spec([key('key'), { ...str('pattern', { token: 'GET' }), optional: true, multiple: true, multipleToken: true }, optional(token('ALPHA'))])],
  // An optional block with an optional tail: [count [WITHVALUES]].
  ['rand', spec([key('key'), optional(block('options', [integer('count'), optional(token('WITHVALUES'))]))])],
  // A token-led block: LIMIT offset count.
  ['range', spec([key('key'), optional(block('limit', [integer('offset'), integer('count')], { token: 'LIMIT' })), optional(token('REV'))])],
  // A container with subcommands.
  ['box', spec([], { subcommands: { open: spec([key('key')]), shut: spec([]) } })],
])

describe('lexLine', () => {
  it('splits on blanks and keeps positions', () => {
    expect(lexLine('SET  a b').map((word) => [word.from, word.to, word.value])).toEqual([[0, 3, 'SET'], [5, 6, 'a'], [7, 8, 'b']])
  })

  it('removes quotes and applies double-quote escapes like redis-cli', () => {
    const [, first, second] = lexLine(`SET "a b\\n\\x41" 'it\\'s'`)
    expect(first).toMatchObject({ value: 'a b\nA', quoted: true, closed: true, valid: true })
    expect(second).toMatchObject({ value: "it's", quoted: true })
  })

  it('marks an open quote and a quote followed by a letter', () => {
    expect(lexLine('SET "a b').at(-1)).toMatchObject({ value: 'a b', closed: false })
    expect(lexLine('SET "a"b').at(-1)).toMatchObject({ valid: false })
  })

  it('quotes values that would not survive splitting', () => {
    expect(quoteIfNeeded('user:1')).toBe('user:1')
    expect(quoteIfNeeded('a b')).toBe('"a b"')
    expect(quoteIfNeeded('say "hi"\n')).toBe('"say \\"hi\\"\\n"')
    expect(quoteIfNeeded('')).toBe('""')
  })
})

describe('syntax lines', () => {
  it('renders the argument tree in redis-cli notation', () => {
    expect(renderArgs(COMMANDS.get('set')?.args ?? [])).toBe(`key value ${SET_OPTIONS}`)
    expect(renderArgs(COMMANDS.get('mset')?.args ?? [])).toBe('key value [key value ...]')
    expect(renderArgs(SHAPES.get('pick')?.args ?? [])).toBe('key [GET pattern [GET pattern ...]] [ALPHA]')
    expect(renderArgs(SHAPES.get('union')?.args ?? [])).toBe('numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]')
  })
})

describe('hintFor', () => {
  const hint = (line: string) => hintFor(COMMANDS, line)

  it('shows the whole syntax after a command name, with a blank when none was typed', () => {
    expect(hint('SET')).toBe(` key value ${SET_OPTIONS}`)
    expect(hint('set ')).toBe(`key value ${SET_OPTIONS}`)
  })

  it('shrinks as arguments are filled in', () => {
    expect(hint('SET key ')).toBe(`value ${SET_OPTIONS}`)
    expect(hint('SET key value ')).toBe(SET_OPTIONS)
    expect(hint('SET key value NX ')).toBe('[GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]')
  })

  it("asks for a token's value, then offers the options still open in any order", () => {
    expect(hint('SET key value EX')).toBe(' seconds [NX|XX] [GET]')
    expect(hint('SET key value EX 10 ')).toBe('[NX|XX] [GET]')
    expect(hint('SET key value EX 10 NX GET ')).toBeUndefined()
  })

  it('counts quoted arguments as one', () => {
    expect(hint('SET "my key" "a value" ')).toBe(SET_OPTIONS)
  })

  it('follows repeated arguments and blocks', () => {
    expect(hint('MSET a ')).toBe('value [key value ...]')
    expect(hint('MSET a 1 ')).toBe('[key value ...]')
    expect(hint('DEL a ')).toBe('[key ...]')
    expect(hint('ZADD k ')).toBe('[NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]')
    expect(hint('ZADD k XX 1 ')).toBe('member [score member ...]')
  })

  it('shows nothing for what does not fit', () => {
    expect(hint('GET a b ')).toBeUndefined()
    expect(hint('NOSUCH a ')).toBeUndefined()
    expect(hint('SET k v "open')).toBeUndefined()
    expect(hint('SET k v E')).toBeUndefined()
    expect(hint('')).toBeUndefined()
  })

  it('lists subcommands after a container, then follows the subcommand', () => {
    expect(hint('CONFIG ')).toBe('GET|HELP|RESETSTAT|REWRITE|SET')
    expect(hint('config get ')).toBe('parameter [parameter ...]')
  })

  it('hints HELP, which the console answers itself', () => {
    expect(hint('HELP')).toBe(' command|@group')
  })

  it('handles token-led repeats, repeated tokens and optional tails', () => {
    const shape = (line: string) => hintFor(SHAPES, line)
    expect(shape('union 2 a b WEIGHTS ')).toBe('weight [weight ...] [AGGREGATE SUM|MIN|MAX]')
    expect(shape('union 2 a b WEIGHTS 1 ')).toBe('[weight ...] [AGGREGATE SUM|MIN|MAX]')
    expect(shape('union 2 a b WEIGHTS 1 2 AGGREGATE ')).toBe('SUM|MIN|MAX')
    expect(shape('union 2 a b AGGREGATE MIN ')).toBe('[WEIGHTS weight [weight ...]]')
    expect(shape('pick k GET a ')).toBe('[GET pattern ...] [ALPHA]')
    expect(shape('pick k GET a GET ')).toBe('pattern [GET pattern ...] [ALPHA]')
    expect(shape('rand k ')).toBe('[count [WITHVALUES]]')
    expect(shape('rand k 3 ')).toBe('[WITHVALUES]')
    expect(shape('rand k three ')).toBeUndefined()
    expect(shape('range k LIMIT 0 ')).toBe('count [REV]')
    expect(shape('range k REV LIMIT 0 5 ')).toBeUndefined()
  })
})

describe('analyze', () => {
  it('tells what each word is', () => {
    expect(analyze(COMMANDS, ['SET', 'k', 'v', 'EX', '10', 'NX']).roles).toEqual(['command', 'key', 'value', 'token', 'value', 'token'])
    expect(analyze(COMMANDS, ['CONFIG', 'GET', 'maxmemory']).roles).toEqual(['command', 'subcommand', 'value'])
    expect(analyze(COMMANDS, ['NOSUCH', 'x']).roles).toEqual([])
  })

  it('says whether the line is complete', () => {
    expect(analyze(COMMANDS, ['SET', 'k']).next?.satisfied).toBe(false)
    expect(analyze(COMMANDS, ['SET', 'k', 'v']).next?.satisfied).toBe(true)
    expect(analyze(COMMANDS, ['SET', 'k', 'v', 'EX']).next?.satisfied).toBe(false)
  })
})

describe('completeAt', () => {
  const labels = (line: string, pos = line.length, table = COMMANDS) => completeAt(table, line, pos)?.options.map((option) => option.label)

  it('completes command names in the letter case typed, with a blank after', () => {
    const found = completeAt(COMMANDS, 'hge', 3)
    expect(found?.options.map((option) => option.label)).toEqual(['HGET', 'HGETALL'])
    expect(found?.options[0].apply).toBe('hget ')
    expect(found).toMatchObject({ from: 0, to: 3, keys: false })
    expect(completeAt(COMMANDS, 'HGE', 3)?.options[0].apply).toBe('HGET ')
  })

  it('offers the console commands too', () => {
    expect(labels('HELP')).toEqual(['HELP'])
    expect(labels('cle')).toEqual(['CLEAR'])
  })

  it('offers the option tokens that fit at the cursor', () => {
    expect(labels('SET k v ')).toEqual(['NX', 'XX', 'GET', 'EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL'])
    expect(labels('SET k v e')).toEqual(['EX', 'EXAT'])
    expect(labels('SET k v NX ')).toEqual(['GET', 'EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL'])
    expect(completeAt(COMMANDS, 'SET k v e', 9)?.options[0]).toMatchObject({ apply: 'ex ', detail: 'seconds' })
    expect(labels('SET k v EX ')).toBeUndefined()
  })

  it('asks for key names where a key fits', () => {
    expect(completeAt(COMMANDS, 'GET us', 6)).toMatchObject({ from: 4, to: 6, prefix: 'us', keys: true, options: [] })
    expect(completeAt(COMMANDS, 'DEL a b', 7)).toMatchObject({ keys: true, prefix: 'b' })
    expect(completeAt(COMMANDS, 'SET k ', 6)).toBeUndefined()
    expect(completeAt(COMMANDS, 'GET "my k', 9)).toMatchObject({ keys: true, prefix: 'my k', from: 4 })
  })

  it('completes subcommands of a container', () => {
    expect(labels('CONFIG ')).toEqual(['GET', 'HELP', 'RESETSTAT', 'REWRITE', 'SET'])
    expect(labels('config re')).toEqual(['RESETSTAT', 'REWRITE'])
    expect(completeAt(COMMANDS, 'config re', 9)?.options[0].apply).toBe('resetstat ')
  })

  it('completes HELP topics: commands and groups', () => {
    expect(labels('HELP @s')).toEqual(expect.arrayContaining(['@server', '@set', '@sorted_set', '@string']))
    expect(labels('HELP @se')).toEqual(['@server', '@set'])
    expect(labels('help zsc')).toEqual(['ZSCAN', 'ZSCORE'])
    expect(labels('help config ')).toEqual(['GET', 'HELP', 'RESETSTAT', 'REWRITE', 'SET'])
  })

  it('replaces the word under the cursor without doubling the blank after it', () => {
    const found = completeAt(COMMANDS, 'SE k', 2)
    expect(found).toMatchObject({ from: 0, to: 2 })
    expect(found?.options.find((option) => option.label === 'SET')?.apply).toBe('SET')
  })

  it('works on the shapes', () => {
    expect(labels('union 2 a b ', undefined, SHAPES)).toEqual(['WEIGHTS', 'AGGREGATE'])
    expect(completeAt(SHAPES, 'union 2 a b ', 12)?.keys).toBe(true)
    expect(labels('union 2 a b AGGREGATE ', undefined, SHAPES)).toEqual(['SUM', 'MIN', 'MAX'])
    expect(labels('box ', undefined, SHAPES)).toEqual(['OPEN', 'SHUT'])
    expect(completeAt(SHAPES, 'box open ', 9)?.keys).toBe(true)
  })

  it('does not mistake inherited object properties for subcommands', () => {
    expect(hintFor(SHAPES, 'box constructor ')).toBeUndefined()
    expect(completeAt(SHAPES, 'box constructor ', 16)).toBeUndefined()
  })
})

describe('helpText', () => {
  it('prints syntax, summary, complexity, since and group of a command', () => {
    const set = COMMANDS.get('set') as CommandSpec
    expect(helpText(COMMANDS, ['set'])).toBe([
      `  SET key value ${SET_OPTIONS}`,
      `  summary: ${set.summary}`,
      '  complexity: O(1)',
      '  since: 1.0.0',
      '  group: string',
    ].join('\n'))
  })

  it('lists every subcommand of a container, and one subcommand alone', () => {
    const config = helpText(COMMANDS, ['CONFIG'])
    expect(config.split('\n\n').map((entry) => entry.split('\n')[0].trim().split(' ').slice(0, 2).join(' '))).toEqual([
      'CONFIG summary:', 'CONFIG GET', 'CONFIG HELP', 'CONFIG RESETSTAT', 'CONFIG REWRITE', 'CONFIG SET',
    ].map((name) => name.replace(' summary:', '')))
    expect(helpText(COMMANDS, ['config', 'get']).split('\n')[0]).toBe('  CONFIG GET parameter [parameter ...]')
  })

  it('lists a group without the group line, in both spellings', () => {
    const hash = helpText(COMMANDS, ['@hash'])
    expect(hash.split('\n')[0]).toBe('  HDEL key field [field ...]')
    expect(hash).not.toContain('group:')
    expect(helpText(COMMANDS, ['@sorted_set'])).toBe(helpText(COMMANDS, ['@SORTED-SET']))
    expect(helpGroups(COMMANDS)).toContain('@sorted_set')
  })

  it('prints the banner alone, and says when there is no such topic', () => {
    expect(helpText(COMMANDS, [])).toContain('"help @<group>" to get a list of commands in <group>')
    expect(helpText(COMMANDS, ['nosuch'])).toBe('No help for "nosuch". Try "help @<group>", for example "help @string".')
  })
})

describe('CommandHistory', () => {
  const memory = (): HistoryStore & { data: Map<string, string> } => {
    const data = new Map<string, string>()
    return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) }
  }

  it('walks back and forth, keeping the line being typed', () => {
    const history = new CommandHistory(memory())
    history.add('SET a 1')
    history.add('GET a')
    expect(history.previous('INC')).toBe('GET a')
    expect(history.previous('ignored')).toBe('SET a 1')
    expect(history.previous('ignored')).toBeUndefined()
    expect(history.next()).toBe('GET a')
    expect(history.next()).toBe('INC')
    expect(history.next()).toBeUndefined()
  })

  it('skips blanks and repeats, keeps a bounded list, and survives a reload', () => {
    const store = memory()
    const history = new CommandHistory(store, 3)
    for (const line of ['a', 'a', ' ', 'b', 'c', 'd']) history.add(line)
    expect(history.size).toBe(3)
    const reloaded = new CommandHistory(store, 3)
    expect([reloaded.previous(''), reloaded.previous(''), reloaded.previous('')]).toEqual(['d', 'c', 'b'])
  })

  it('starts empty from unreadable storage', () => {
    const store = memory()
    store.data.set('redis-playground:history', '{not json')
    expect(new CommandHistory(store).size).toBe(0)
    expect(new CommandHistory(undefined).size).toBe(0)
  })
})
