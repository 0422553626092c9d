/**
 * What "send to terminal" pastes for a shell block. Notes mix commands with prompts and
 * output (`$ docker ps` followed by its table); pasting that verbatim would run garbage. So:
 * when any line carries a `$ ` prompt, only prompt lines (and their `\` continuations) are
 * commands, without the prompt; otherwise every non-comment line is a command.
 *
 * The result is one line, never ending in a newline: the terminal must not execute it.
 * Several commands are chained with `&&` (stop at the first failure, as a reader following
 * the steps would); `\`-continued lines are joined. A heredoc cannot live on one line, so
 * such blocks keep their newlines and are wrapped in bracketed-paste markers, which bash 5.1+,
 * zsh and fish insert into the command line without running it.
 */
const PROMPT = /^\s*(?:[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?)?\$\s?/;
const HEREDOC = /<<-?\s*['"]?[A-Za-z_]/;

export const BRACKETED_PASTE_START = '\u001b[200~';
export const BRACKETED_PASTE_END = '\u001b[201~';

export function commandTextForTerminal(code: string): string {
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  const hasPrompt = lines.some((l) => PROMPT.test(l) && l.replace(PROMPT, '').trim() !== '');
  const commands: string[] = [];
  let continuing = false;
  for (const raw of lines) {
    let line = raw;
    if (continuing) {
      // Continuation of the previous command (`\` at its end).
    } else if (hasPrompt) {
      if (!PROMPT.test(line)) continue;
      line = line.replace(PROMPT, '');
    }
    if (!continuing && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    if (continuing) commands[commands.length - 1] += '\n' + line;
    else commands.push(line);
    continuing = /\\\s*$/.test(line);
  }
  if (commands.some((c) => HEREDOC.test(c))) {
    return BRACKETED_PASTE_START + commands.join('\n') + BRACKETED_PASTE_END;
  }
  return commands.map((c) => c.replace(/\s*\\\s*\n\s*/g, ' ').trim()).join(' && ');
}
