// The console's command language: syntax lines, hints, completion, HELP, and the CodeMirror extension.
export { completeAt, type Completion, type CompletionOption } from './complete.ts'
export { completeWithTab, redisLanguage, type RedisLanguageOptions } from './editor.ts'
export { groupTopic, helpGroups, helpText } from './help.ts'
export { hintFor } from './hint.ts'
export { analyze, type Analysis, type Role } from './match.ts'
export { type CommandTable, renderArg, renderArgs, resolveCommand } from './syntax.ts'
export { lexLine, quoteIfNeeded, type Word } from './words.ts'
