// Connection commands: PING, ECHO, SELECT, HELLO, CLIENT, ...
import { type CommandSpec, str, optional } from '../spec.ts'

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
}
