import type { CommandSpec } from '../spec.ts'

export const listCommands: Record<string, CommandSpec> = {}
