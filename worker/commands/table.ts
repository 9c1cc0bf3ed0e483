// The command table: one entry per command (lower-case name), gathered from one file per group.
// It is the single source of truth for arity checks, COMMAND INFO/DOCS, HELP and the console's
// hints and completion. Pure data: the page imports it without the engine.
import type { CommandSpec } from './spec.ts'
import { connectionCommands } from './table/connection.ts'
import { serverCommands } from './table/server.ts'
import { keyCommands } from './table/keys.ts'
import { stringCommands } from './table/strings.ts'
import { listCommands } from './table/lists.ts'
import { setCommands } from './table/sets.ts'
import { hashCommands } from './table/hashes.ts'
import { sortedSetCommands } from './table/zsets.ts'
import { persistenceCommands } from './table/persistence.ts'
import { blockingPopCommands } from './table/blocking-pops.ts'
import { transactionCommands } from './table/transactions.ts'
import { streamCommands } from './table/streams.ts'
import { scriptingCommands } from './table/scripting.ts'
import { functionCommands } from './table/functions.ts'
import { pubsubCommands } from './table/pubsub.ts'

export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(
  Object.entries({
    ...connectionCommands,
    ...serverCommands,
    ...keyCommands,
    ...stringCommands,
    ...listCommands,
    ...setCommands,
    ...hashCommands,
    ...sortedSetCommands,
    ...persistenceCommands,
    ...blockingPopCommands,
    ...transactionCommands,
    ...streamCommands,
    ...scriptingCommands,
    ...functionCommands,
    ...pubsubCommands,
  }),
)
