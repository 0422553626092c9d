/**
 * What "send to terminal" pastes for a shell block. Notes mix commands with prompts and
 * output (`$ docker ps` followed by its table); pasting that verbatim would run garbage. So:
 * when any line carries a `$ ` prompt, only prompt lines are commands, without the prompt, with
 * their `> ` continuation lines (the shell's second prompt); otherwise every non-comment line is
 * a command.
 *
 * The result never ends in a newline: the terminal must not execute it. Several commands are
 * chained with `&&` on one line (stop at the first failure, as a reader following the steps
 * would); `\`-continued lines are joined. A heredoc cannot live on one line, so such blocks keep
 * their newlines inside bracketed-paste markers, which bash 5.1+, zsh and fish insert into the
 * command line without running it.
 */
const PROMPT = /^\s*(?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?)?\$(?:\s|$)/;
const CONTINUATION_PROMPT = /^\s*>\s?/;
const HEREDOC = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)/;

export const BRACKETED_PASTE_START = '\u001b[200~';
export const BRACKETED_PASTE_END = '\u001b[201~';

export function commandTextForTerminal(code: string): string {
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  const transcript = lines.some((l) => PROMPT.test(l) && l.replace(PROMPT, '').trim() !== '');
  const commands: string[] = [];
  // Inside a command that goes on: after a `\` line, or until a heredoc's closing word.
  let continuing = false;
  let heredocEnd: string | undefined;
  for (const raw of lines) {
    let line = raw;
    if (continuing || heredocEnd) {
      // Transcripts show continuation lines with or without the `> ` prompt.
      if (transcript) line = line.replace(CONTINUATION_PROMPT, '');
      commands[commands.length - 1] += '\n' + line;
      if (heredocEnd && line.trim() === heredocEnd) heredocEnd = undefined;
      continuing = !heredocEnd && /\\\s*$/.test(line);
      continue;
    }
    if (transcript) {
      if (!PROMPT.test(line)) continue;
      line = line.replace(PROMPT, '');
    }
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    commands.push(line);
    heredocEnd = HEREDOC.exec(line)?.[1];
    continuing = !heredocEnd && /\\\s*$/.test(line);
  }
  if (commands.some((c) => HEREDOC.test(c))) {
    return BRACKETED_PASTE_START + commands.join('\n') + BRACKETED_PASTE_END;
  }
  return commands.map((c) => c.replace(/\s*\\\s*\n\s*/g, ' ').trim()).join(' && ');
}
