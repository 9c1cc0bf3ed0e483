// Connection commands: PING, ECHO, SELECT, QUIT, RESET, HELLO, the CLIENT container, and MONITOR
// (a server command in Redis's groups, here beside the client administration it belongs with).
// Arity, flags, arguments and history are what Redis 7.0 reports in COMMAND INFO and COMMAND DOCS.
import { type CommandSpec, block, integer, multiple, oneof, optional, str, token } from '../spec.ts'

/** The flags every CLIENT subcommand but HELP carries. */
const CLIENT_FLAGS: CommandSpec['flags'] = ['noscript', 'loading', 'stale']
/** The flags of the CLIENT subcommands that act on other connections. */
const CLIENT_ADMIN_FLAGS: CommandSpec['flags'] = ['admin', ...CLIENT_FLAGS]

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
        group: 'connection', arity: -2, flags: CLIENT_ADMIN_FLAGS, acl: ['@connection'], keySpecs: [],
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
        group: 'connection', arity: -3, flags: CLIENT_ADMIN_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [integer('client-id'), optional(oneof('timeout_error', [token('TIMEOUT'), token('ERROR')]))],
        summary: 'Ends the wait of a client in a blocking command: as if its timeout ended, or with an error.',
        complexity: 'O(log N) where N is the number of client connections', since: '5.0.0',
      },
      kill: {
        group: 'connection', arity: -3, flags: CLIENT_ADMIN_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [oneof('filter', [
          str('ip:port', { deprecatedSince: '2.8.12' }),
          multiple(oneof('new-format', [
            optional(integer('client-id', { token: 'ID', since: '2.8.12' })),
            optional(oneof('normal_master_slave_pubsub', [
              token('NORMAL'), token('MASTER', { since: '3.2.0' }), token('SLAVE'), token('REPLICA', { since: '5.0.0' }), token('PUBSUB'),
            ], { token: 'TYPE', since: '2.8.12' })),
            optional(str('username', { token: 'USER' })),
            optional(str('ip:port', { token: 'ADDR' })),
            optional(str('ip:port', { token: 'LADDR', since: '6.2.0' })),
            optional(str('yes/no', { token: 'SKIPME' })),
          ])),
        ])],
        summary: 'Closes connections: the one from an address, or every one that matches the filters.',
        complexity: 'O(N) where N is the number of client connections', since: '2.4.0',
        history: [
          ['2.8.12', 'Added new filter format.'],
          ['2.8.12', '`ID` option.'],
          ['3.2.0', 'Added `master` type in for `TYPE` option.'],
          ['5.0.0', 'Replaced `slave` `TYPE` with `replica`. `slave` still supported for backward compatibility.'],
          ['6.2.0', '`LADDR` option.'],
        ],
      },
      pause: {
        group: 'connection', arity: -3, flags: CLIENT_ADMIN_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [integer('timeout'), optional(oneof('mode', [token('WRITE'), token('ALL')], { since: '6.2.0' }))],
        summary: 'Holds the commands of all connections, or only their writes, for a number of milliseconds.',
        complexity: 'O(1)', since: '2.9.50',
        history: [['6.2.0', '`CLIENT PAUSE WRITE` mode added along with the `mode` option.']],
      },
      unpause: {
        group: 'connection', arity: 2, flags: CLIENT_ADMIN_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [],
        summary: 'Ends a CLIENT PAUSE: the held commands run, in the order they came.',
        complexity: 'O(N) Where N is the number of paused clients', since: '6.2.0',
      },
      reply: {
        group: 'connection', arity: 3, flags: CLIENT_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [oneof('on_off_skip', [token('ON'), token('OFF'), token('SKIP')])],
        summary: 'Turns the replies to this connection on or off, or skips the reply to the next command.',
        complexity: 'O(1)', since: '3.2.0',
      },
      'no-evict': {
        group: 'connection', arity: 3, flags: CLIENT_ADMIN_FLAGS, acl: ['@connection'], keySpecs: [],
        args: [oneof('enabled', [token('ON'), token('OFF')])],
        summary: 'Keeps this connection from being evicted when client memory runs short (or allows it again).',
        complexity: 'O(1)', since: '7.0.0',
      },
      help: {
        group: 'connection', arity: 2, flags: ['loading', 'stale'], acl: ['@connection'], keySpecs: [],
        args: [],
        summary: 'Lists the CLIENT subcommands and what they do.',
        complexity: 'O(1)', since: '5.0.0',
      },
    },
  },
  monitor: {
    group: 'server', arity: 1, flags: ['admin', 'noscript', 'loading', 'stale'], acl: [], keySpecs: [],
    args: [],
    summary: 'Turns this connection into a monitor that receives every command the server runs, as it runs it.',
    since: '1.0.0',
  },
}
