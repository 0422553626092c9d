/** The text of a new post: front matter (YAML, or TOML like Hugo's default archetype) and a blank line. */
export function newPostText(title: string, date: string, toml: boolean): string {
  const quoted = JSON.stringify(title);
  if (toml) return `+++\ntitle = ${quoted}\ndate = ${date}\ndraft = true\ntags = []\ncategories = []\n+++\n\n`;
  return `---\ntitle: ${quoted}\ndate: ${date}\ndraft: true\ntags: []\ncategories: []\n---\n\n`;
}

/** A file name from a title: lowercase ASCII letters, digits and single dashes. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'post';
}

/** RFC 3339 with the local UTC offset, as Hugo writes dates: `2024-05-01T09:30:00+02:00`. */
export function rfc3339(d: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}
