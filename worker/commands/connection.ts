// Connection commands: PING, ECHO, SELECT, HELLO, CLIENT, ...
import type { Handler } from '../engine.ts'
import { fail, wrongArity } from '../errors.ts'
import { bulk, PONG } from '../reply.ts'

export const connectionHandlers: Record<string, Handler> = {
  ping: (ctx, args) => {
    if (args.length > 1) fail(wrongArity(ctx.name))
    return args.length === 0 ? PONG : bulk(args[0])
  },
  echo: (_ctx, [message]) => bulk(message),
}
