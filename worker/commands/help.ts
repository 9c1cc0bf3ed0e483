// The HELP reply of container commands, in the shape Redis gives every one of them
// (addReplyHelp): a header line, the subcommands with indented explanations, then HELP itself.
import { array, simple, type Reply } from '../reply.ts'

export function helpReply(container: string, lines: string[]): Reply {
  return array([
    simple(`${container} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`),
    ...lines.map(simple),
    simple('HELP'),
    simple('    Prints this help.'),
  ])
}
