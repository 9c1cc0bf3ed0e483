import type { CommandSpec } from '../spec.ts'

export const keyCommands: Record<string, CommandSpec> = {}
