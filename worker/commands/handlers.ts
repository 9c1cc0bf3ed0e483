// Every handler, by full lower-case name ('get', 'client|setname'), gathered from one file per group.
import type { Handler } from '../engine.ts'
import { connectionHandlers } from './connection.ts'
import { serverHandlers } from './server.ts'
import { clientHandlers } from './client.ts'
import { commandHandlers } from './command.ts'
import { configHandlers } from './config-command.ts'
import { infoHandlers } from './info.ts'
import { keyHandlers } from './keys.ts'
import { expireHandlers } from './expire.ts'
import { sortHandlers } from './sort.ts'
import { objectHandlers } from './object.ts'
import { stringHandlers } from './strings.ts'
import { listHandlers } from './lists.ts'
import { setHandlers } from './sets.ts'
import { hashHandlers } from './hashes.ts'
import { sortedSetHandlers } from './zsets.ts'
import { persistenceHandlers } from './persistence.ts'
import { blockingPopHandlers } from './blocking-pops.ts'
import { transactionHandlers } from './transactions.ts'
import { streamHandlers } from './streams.ts'
import { scriptingHandlers } from './scripting.ts'
import { functionHandlers } from './functions.ts'
import { pubsubHandlers } from './pubsub.ts'

export const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    ...connectionHandlers,
    ...serverHandlers,
    ...clientHandlers,
    ...commandHandlers,
    ...configHandlers,
    ...infoHandlers,
    ...keyHandlers,
    ...expireHandlers,
    ...sortHandlers,
    ...objectHandlers,
    ...stringHandlers,
    ...listHandlers,
    ...setHandlers,
    ...hashHandlers,
    ...sortedSetHandlers,
    ...persistenceHandlers,
    ...blockingPopHandlers,
    ...transactionHandlers,
    ...streamHandlers,
    ...scriptingHandlers,
    ...functionHandlers,
    ...pubsubHandlers,
  }),
)
