// SVG path data (as svg.ts writes it: absolute M, L, H, V, Z with plain decimal numbers) turned
// into PDF path operators in one string, numbers copied as written. This is the bulk of a map's
// page (tens of thousands of vertices); pdfkit's own path() parses and re-formats every number.
// Anything else (arcs, curves, relative commands, exponents) returns null: pdfkit draws it.

const TOKEN = /([MLHVZ])|(-?(?:\d+\.?\d*|\.\d+))|([, \n\t]+)|(.)/g;

export function pdfPathOps(d: string): string | null {
  const out: string[] = [];
  let cmd = "";
  let args: string[] = [];
  let x = "0";
  let y = "0";
  let startX = "0";
  let startY = "0";
  const flush = (): boolean => {
    if (cmd === "M" || cmd === "L") {
      if (args.length === 0 || args.length % 2) return false;
      for (let i = 0; i < args.length; i += 2) {
        // Pairs after a moveto are linetos, as in SVG.
        const op = cmd === "M" && i === 0 ? "m" : "l";
        x = args[i];
        y = args[i + 1];
        if (op === "m") [startX, startY] = [x, y];
        out.push(`${x} ${y} ${op}`);
      }
    } else if (cmd === "H" || cmd === "V") {
      if (args.length === 0) return false;
      for (const a of args) {
        if (cmd === "H") x = a;
        else y = a;
        out.push(`${x} ${y} l`);
      }
    } else if (cmd === "Z") {
      if (args.length) return false;
      out.push("h");
      [x, y] = [startX, startY];
    } else if (cmd === "") {
      if (args.length) return false;
    }
    return true;
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(d); m; m = TOKEN.exec(d)) {
    if (m[1]) {
      // Path data starts with a moveto (SVG); anything else is left to pdfkit.
      if (!flush() || (cmd === "" && m[1] !== "M")) return null;
      cmd = m[1];
      args = [];
    } else if (m[2]) {
      if (cmd === "") return null;
      args.push(m[2]);
    } else if (m[4]) return null;
  }
  if (!flush()) return null;
  return out.join("\n");
}
