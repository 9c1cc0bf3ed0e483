// CONFIG GET, SET, RESETSTAT, REWRITE and HELP over the parameters of worker/config.ts.
import type { Handler } from '../engine.ts'
import { fail, SYNTAX } from '../errors.ts'
import { globMatch } from '../glob.ts'
import { bulk, map, OK, type Reply } from '../reply.ts'
import { CONFIG_NAMES, type ConfigParameter, parseConfigValue } from '../config.ts'
import { helpReply } from './help.ts'

/**
 * CONFIG GET: each argument is a name (looked up case-insensitively, answered as written) or a
 * glob pattern over every name and alias. A name is reported once however many arguments match it.
 */
const get: Handler = (ctx, patterns) => {
  const matches = new Map<string, [shown: string, parameter: ConfigParameter]>()
  for (const pattern of patterns) {
    if (!/[[*?]/.test(pattern)) {
      const parameter = CONFIG_NAMES.get(pattern.toLowerCase())
      if (parameter !== undefined && !matches.has(pattern.toLowerCase())) matches.set(pattern.toLowerCase(), [pattern, parameter])
      continue
    }
    for (const [name, parameter] of CONFIG_NAMES) {
      if (!matches.has(name) && globMatch(pattern, name, true)) matches.set(name, [name, parameter])
    }
  }
  const pairs: Array<[Reply, Reply]> = []
  for (const [shown, parameter] of matches.values()) {
    pairs.push([bulk(shown), bulk(ctx.engine.config.get(parameter.name) ?? parameter.defaultValue)])
  }
  return map(pairs)
}

/**
 * CONFIG SET: all pairs are checked first (unknown names, fixed parameters, duplicates), then
 * every value is validated; only when all are valid is any of them applied, as in Redis.
 */
const set: Handler = (ctx, args) => {
  if (args.length % 2 !== 0) fail(SYNTAX)
  const chosen: Array<[name: string, parameter: ConfigParameter, value: string]> = []
  let unknown: string | undefined
  let refused: string | undefined
  for (let i = 0; i < args.length; i += 2) {
    const parameter = CONFIG_NAMES.get(args[i].toLowerCase())
    if (parameter === undefined) {
      if (refused === undefined) unknown ??= args[i]
      continue
    }
    if (unknown !== undefined || refused !== undefined) continue
    if (parameter.fixed !== undefined) {
      refused = failure(args[i], `can't set ${parameter.fixed} config`)
    } else if (chosen.some(([name]) => name === args[i].toLowerCase())) {
      refused = failure(args[i], 'duplicate parameter')
    }
    chosen.push([args[i].toLowerCase(), parameter, args[i + 1]])
  }
  if (unknown !== undefined) fail(`ERR Unknown option or number of arguments for CONFIG SET - '${unknown}'`)
  if (refused !== undefined) fail(refused)
  const values = chosen.map(([name, parameter, value]): [ConfigParameter, string, string] => {
    const parsed = parseConfigValue(parameter, value)
    return 'error' in parsed ? fail(failure(name, parsed.error)) : [parameter, parsed.value, value]
  })
  for (const [parameter, value, given] of values) {
    ctx.engine.config.set(parameter.name, value)
    // The shown value may drop a class ('A' hides 'n'): the classes come from the value given.
    if (parameter.name === 'notify-keyspace-events') ctx.engine.notifications.configure(given)
  }
  return OK
}

const failure = (name: string, reason: string) => `ERR CONFIG SET failed (possibly related to argument '${name}') - ${reason}`

export const configHandlers: Record<string, Handler> = {
  'config|get': get,
  'config|set': set,
  'config|resetstat': (ctx) => {
    ctx.engine.resetStats()
    return OK
  },
  // Like a Redis started without a configuration file: there is nothing to rewrite.
  'config|rewrite': () => fail('ERR The server is running without a config file'),
  'config|help': () => helpReply('CONFIG', [
    'GET <pattern> [<pattern> ...]',
    '    Return the parameters whose names match any of the glob-style patterns, with their values.',
    'SET <parameter> <value> [<parameter> <value> ...]',
    '    Change parameters; when one value is refused, none is changed.',
    'RESETSTAT',
    '    Start the counters INFO reports again from zero.',
    'REWRITE',
    '    Save the running parameters to the configuration file.',
  ]),
}
