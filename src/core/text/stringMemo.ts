/**
 * `fn` remembered per string argument, holding at most `limit` answers (then starting over).
 *
 * A string cut from a post's text (`slice`, a parser's token) shares that text's characters in
 * V8: a table of 5,000 tag spellings could keep 5,000 whole posts alive. So the table keeps a
 * copy of each argument, and `fn` is given that copy: nothing it answers can share the original's
 * characters either. Copies are made once per distinct string.
 */
export function memoizeByString<T>(fn: (s: string) => T, limit: number): (s: string) => T {
  const table = new Map<string, T>();
  return (s) => {
    let answer = table.get(s);
    if (answer === undefined) {
      if (table.size >= limit) table.clear();
      const copy = copyString(s);
      answer = fn(copy);
      table.set(copy, answer);
    }
    return answer;
  };
}

/** A copy of `s` that shares no characters with it (or with whatever `s` was cut from). */
export function copyString(s: string): string {
  return s.split('').join('');
}
