// The CodeMirror side of the console language: colours for command names, option tokens, keys,
// strings and numbers; the inline syntax hint after the cursor; completion. The logic lives in
// the plain modules beside this one (match.ts, hint.ts, complete.ts) so it can be tested in Node.
import {
  type Completion as CodeMirrorCompletion, type CompletionContext, type CompletionResult, acceptCompletion,
  autocompletion, completionStatus, moveCompletionSelection, selectedCompletion, startCompletion,
} from '@codemirror/autocomplete'
import { type Extension, RangeSetBuilder } from '@codemirror/state'
import {
  type Command, Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate, WidgetType,
} from '@codemirror/view'
import { completeAt } from './complete.ts'
import { hintFor } from './hint.ts'
import { analyze } from './match.ts'
import type { CommandTable } from './syntax.ts'
import { lexLine, quoteIfNeeded } from './words.ts'

export interface RedisLanguageOptions {
  table: CommandTable
  /** Existing key names (as text) starting with `prefix`, for completion; a few dozen at most. */
  keys?: (prefix: string) => Promise<string[]>
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?inf$/i
const PAGE_COMMANDS = new Set(['help', 'clear'])

const marks = new Map<string, Decoration>()
function mark(className: string): Decoration {
  let decoration = marks.get(className)
  if (decoration === undefined) marks.set(className, (decoration = Decoration.mark({ class: className })))
  return decoration
}

function highlightLine(table: CommandTable, text: string, offset: number, builder: RangeSetBuilder<Decoration>): void {
  const words = lexLine(text)
  if (words.length === 0) return
  const { roles } = analyze(table, words.map((word) => word.value))
  words.forEach((word, i) => {
    const classes: string[] = []
    const role = roles[i]
    if (i === 0) {
      const name = word.value.toLowerCase()
      if (role === 'command' || (PAGE_COMMANDS.has(name) && !table.has(name))) classes.push('cm-redis-command')
      else if (words.length > 1 || word.to < text.length) classes.push('cm-redis-unknown')
    } else if (role === 'subcommand') classes.push('cm-redis-command')
    else if (role === 'token') classes.push('cm-redis-token')
    else if (role === 'key') classes.push('cm-redis-key')
    if (word.quoted) classes.push('cm-redis-string')
    else if (i > 0 && role !== 'token' && NUMBER.test(word.value)) classes.push('cm-redis-number')
    if (!word.valid || !word.closed) classes.push('cm-redis-open')
    if (classes.length > 0) builder.add(offset + word.from, offset + word.to, mark(classes.join(' ')))
  })
}

function highlighter(table: CommandTable): Extension {
  const build = (view: EditorView): DecorationSet => {
    const builder = new RangeSetBuilder<Decoration>()
    const { doc } = view.state
    for (let n = 1; n <= doc.lines; n++) {
      const line = doc.line(n)
      highlightLine(table, line.text, line.from, builder)
    }
    return builder.finish()
  }
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet
      constructor(view: EditorView) {
        this.decorations = build(view)
      }
      update(update: ViewUpdate) {
        if (update.docChanged) this.decorations = build(update.view)
      }
    },
    { decorations: (plugin) => plugin.decorations },
  )
}

class HintWidget extends WidgetType {
  constructor(readonly text: string) {
    super()
  }
  override eq(other: HintWidget): boolean {
    return other.text === this.text
  }
  /**
   * The text is drawn by CSS (`content: attr(data-hint)`), so it is not part of the input's
   * text: copying, reading the textbox's text or its value never picks the hint up.
   */
  toDOM(): HTMLElement {
    const span = document.createElement('span')
    span.className = 'cm-redis-hint'
    span.setAttribute('aria-hidden', 'true')
    span.dataset.hint = this.text
    return span
  }
  override ignoreEvent(): boolean {
    return false
  }
}

/** The hint is drawn at the end of the line the cursor stands at the end of. */
function hinter(table: CommandTable): Extension {
  const build = (view: EditorView): DecorationSet => {
    const { state } = view
    const selection = state.selection.main
    if (!selection.empty || state.selection.ranges.length > 1) return Decoration.none
    const line = state.doc.lineAt(selection.head)
    if (selection.head !== line.to) return Decoration.none
    const hint = hintFor(table, line.text)
    if (hint === undefined) return Decoration.none
    return Decoration.set([Decoration.widget({ widget: new HintWidget(hint), side: 1 }).range(line.to)])
  }
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet
      constructor(view: EditorView) {
        this.decorations = build(view)
      }
      update(update: ViewUpdate) {
        if (update.docChanged || update.selectionSet) this.decorations = build(update.view)
      }
    },
    { decorations: (plugin) => plugin.decorations },
  )
}

function completionSource(options: RedisLanguageOptions) {
  // Synchronous unless key names are needed: a pending source makes a quick Tab miss the list.
  return (context: CompletionContext): CompletionResult | null | Promise<CompletionResult | null> => {
    const line = context.state.doc.lineAt(context.pos)
    const found = completeAt(options.table, line.text, context.pos - line.from)
    if (found === undefined) return null
    // While typing, open the list only inside a word (an explicit Tab or Ctrl+Space opens it anywhere).
    if (!context.explicit && found.from === found.to) return null
    const list: CodeMirrorCompletion[] = found.options.map((option) => ({
      label: option.label, apply: option.apply, type: option.type === 'token' ? 'keyword' : option.type === 'topic' ? 'namespace' : 'function',
      detail: option.detail, info: option.info,
    }))
    const result = (): CompletionResult | null =>
      list.length === 0 ? null : { from: line.from + found.from, to: line.from + found.to, options: list, filter: false }
    const keys = options.keys
    if (!found.keys || keys === undefined) return result()
    return keys(found.prefix).then((names) => {
      if (context.aborted) return null
      for (const name of names) list.push({ label: name, apply: quoteIfNeeded(name) + found.suffix, type: 'variable', detail: 'key' })
      return result()
    })
  }
}

/** Views where Tab was pressed while the list was still being computed: accept once it is shown. */
const acceptWhenShown = new WeakSet<EditorView>()

const acceptPendingTab = EditorView.updateListener.of((update) => {
  const view = update.view
  if (!acceptWhenShown.has(view)) return
  const status = completionStatus(update.state)
  if (status === 'pending') return
  acceptWhenShown.delete(view)
  // A listener may not dispatch during an update; accept right after it.
  if (status === 'active') queueMicrotask(() => completeWithTab(view))
})

/** Tab completes like a shell: it takes the selected (or only the first) option, or opens the list. */
export const completeWithTab: Command = (view) => {
  const status = completionStatus(view.state)
  if (status === 'active') {
    if (selectedCompletion(view.state) === null) moveCompletionSelection(true)(view)
    return acceptCompletion(view)
  }
  if (status === 'pending') {
    acceptWhenShown.add(view)
    return true
  }
  if (view.state.doc.length === 0) return false
  return startCompletion(view)
}

/**
 * The language for the console input. Nothing is selected in the completion list until the user
 * moves into it (Down, Tab), so Enter still runs the line while the list is open.
 */
export function redisLanguage(options: RedisLanguageOptions): Extension {
  return [
    highlighter(options.table),
    hinter(options.table),
    acceptPendingTab,
    autocompletion({
      override: [completionSource(options)],
      selectOnOpen: false,
      icons: false,
      defaultKeymap: true,
      closeOnBlur: true,
      // CodeMirror ignores keys for 75 ms after the list changes, so a quick Tab fell through to
      // the page; nothing is selected on open, so Enter cannot take an option by accident anyway.
      interactionDelay: 0,
    }),
  ]
}
