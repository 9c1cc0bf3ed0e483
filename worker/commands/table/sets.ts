import type { CommandSpec } from '../spec.ts'

export const setCommands: Record<string, CommandSpec> = {}
