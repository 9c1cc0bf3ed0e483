import type { CommandSpec } from '../spec.ts'

export const serverCommands: Record<string, CommandSpec> = {}
