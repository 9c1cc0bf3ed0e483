// Connection commands: PING, ECHO, SELECT, QUIT, RESET, HELLO and the CLIENT container.
// Arity, flags, arguments and history are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, block, integer, multiple, oneof, optional, str, token } from '../spec.ts'

/** The flags every CLIENT subcommand but HELP carries. */
const CLIENT_FLAGS: CommandSpec['flags'] = ['noscript', 'loading', 'stale']

export const connectionCommands: Record<string, CommandSpec> = {
  ping: {
    group: 'connection', arity: -1, flags: ['fast'], acl: ['@connection'], keySpecs: [],
    args: [optional(str('message'))],
    summary: 'Checks that the server answers: replies PONG, or the message if one is given.',
    complexity: 'O(1)', since: '1.0.0', tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
  },
  echo: {
    group: 'connection', arity: 2, flags: ['loading', 'stale', 'fast'], acl: ['@connection'], keySpecs: [],
    args: [str('message')],
    summary: 'Replies with the message it was given.',
    complexity: 'O(1)', since: '1.0.0',
  },
  select: {
    group: 'connection', arity: 2, flags: ['loading', 'stale', 'fast'], acl: ['@connection'], keySpecs: [],
    args: [integer('index')],
    summary: 'Switches this connection to the numbered database (0 to 15).',
    complexity: 'O(1)', since: '1.0.0',
  },
  quit: {
    group: 'connection', arity: -1, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
    acl: ['@connection'], keySpecs: [],
    args: [],
    summary: 'Asks the server to close this connection once it has replied.',
    complexity: 'O(1)', since: '1.0.0',
  },
  reset: {
    group: 'connection', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
    acl: ['@connection'], keySpecs: [],
    args: [],
    summary: 'Returns this connection to a fresh state: database 0, RESP2, no name, no transaction or subscriptions.',
    complexity: 'O(1)', since: '6.2.0',
  },
  hello: {
    group: 'connection', arity: -1, flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
    acl: ['@connection'], keySpecs: [],
    args: [optional(block('arguments', [
      integer('protover'),
      optional(block('username_password', [str('username'), str('password')], { token: 'AUTH' })),
      optional(str('clientname', { token: 'SETNAME' })),
    ]))],
    summary: 'Opens the conversation: picks the protocol version (2 or 3), optionally authenticates and names the connection, and describes the server.',
    complexity: 'O(1)', since: '6.0.0',
    history: [
      ['6.2.0', "`protover` made optional; when called without arguments the command reports the current connection's context."],
    ],
  },
  client: {
    group: 'connection', arity: -2, flags: [], acl: [], keySpecs: [],
    args: [],
    summary: 'Groups the commands that inspect and manage client connections.',
    complexity: 'Depends on subcommand.', since: '2.4.0',
    subcommands: {
      id: {
        group: 'connection', arity: 2, flags: CLIENT_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [],
        summary: "Returns this connection's unique numeric ID.",
        complexity: 'O(1)', since: '5.0.0',
      },
      setname: {
        group: 'connection', arity: 3, flags: CLIENT_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [str('connection-name')],
        summary: 'Gives this connection a name (an empty name removes it).',
        complexity: 'O(1)', since: '2.6.9',
      },
      getname: {
        group: 'connection', arity: 2, flags: CLIENT_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [],
        summary: "Returns this connection's name, or nil when it has none.",
        complexity: 'O(1)', since: '2.6.9',
      },
      info: {
        group: 'connection', arity: 2, flags: CLIENT_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [],
        summary: 'Describes this connection in one CLIENT LIST line.',
        complexity: 'O(1)', since: '6.2.0', tips: ['nondeterministic_output'],
      },
      list: {
        group: 'connection', arity: -2, flags: ['admin', ...CLIENT_FLAGS], acl: ['@connection'], keySpecs: [],
        args: [
          optional(oneof('normal_master_replica_pubsub', [token('NORMAL'), token('MASTER'), token('REPLICA'), token('PUBSUB')],
            { token: 'TYPE', since: '5.0.0' })),
          optional(block('id', [multiple(integer('client-id'))], { token: 'ID', since: '6.2.0' })),
        ],
        summary: 'Lists the open connections, one line of fields each, optionally only those of a type or with given IDs.',
        complexity: 'O(N) where N is the number of client connections', since: '2.4.0', tips: ['nondeterministic_output'],
        history: [
          ['2.8.12', 'Added unique client `id` field.'],
          ['5.0.0', 'Added optional `TYPE` filter.'],
          ['6.0.0', 'Added `user` field.'],
          ['6.2.0', 'Added `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter.'],
          ['7.0.0', 'Added `resp`, `multi-mem`, `rbs` and `rbp` fields.'],
          ['7.0.3', 'Added `ssub` field.'],
        ],
      },
      unblock: {
        group: 'connection', arity: -3, flags: ['admin', ...CLIENT_FLAGS], acl: ['@connection'], keySpecs: [],
        args: [integer('client-id'), optional(oneof('timeout_error', [token('TIMEOUT'), token('ERROR')]))],
        summary: 'Ends the wait of a client in a blocking command: as if its timeout ended, or with an error.',
        complexity: 'O(log N) where N is the number of client connections', since: '5.0.0',
      },
      help: {
        group: 'connection', arity: 2, flags: ['loading', 'stale'], acl: ['@connection'], keySpecs: [],
        args: [],
        summary: 'Lists the CLIENT subcommands and what they do.',
        complexity: 'O(1)', since: '5.0.0',
      },
    },
  },
}
