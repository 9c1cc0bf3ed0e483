// Every handler, by full lower-case name ('get', 'client|setname'), gathered from one file per group.
import type { Handler } from '../engine.ts'
import { connectionHandlers } from './connection.ts'
import { serverHandlers } from './server.ts'
import { keyHandlers } from './keys.ts'
import { stringHandlers } from './strings.ts'
import { listHandlers } from './lists.ts'
import { setHandlers } from './sets.ts'
import { hashHandlers } from './hashes.ts'
import { sortedSetHandlers } from './zsets.ts'

export const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    ...connectionHandlers,
    ...serverHandlers,
    ...keyHandlers,
    ...stringHandlers,
    ...listHandlers,
    ...setHandlers,
    ...hashHandlers,
    ...sortedSetHandlers,
  }),
)
