// Names and values quoted in error messages come from the file (zip entry names, table names,
// Placemark names, WKT cells): a newline or control character in them would break the one-line
// error rule, so they are shown escaped and cut.
export function oneLine(s: string, max = 60): string {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
