import type { CommandSpec } from '../spec.ts'

export const hashCommands: Record<string, CommandSpec> = {}
