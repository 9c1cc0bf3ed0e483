import type { CommandSpec } from '../spec.ts'

export const sortedSetCommands: Record<string, CommandSpec> = {}
