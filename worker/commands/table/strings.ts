import type { CommandSpec } from '../spec.ts'

export const stringCommands: Record<string, CommandSpec> = {}
