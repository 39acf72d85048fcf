// The CLI run asynchronously: rendering takes seconds, and a synchronous child process would
// block the vitest worker's event loop long enough for its RPC to time out on a busy machine.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { textWidth } from "../pipeline/render/text-metrics.js";
import { walk, type Scene, type TextItem } from "../pipeline/render/scene.js";

export function runCliAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), "bin/contrechamp.js"), ...args], { env: { ...process.env, CI: "true" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Lets the worker answer its RPC between long synchronous steps. */
export const breathe = () => new Promise<void>((r) => setImmediate(r));

/** The text items of a scene that draw something. */
export function textsOf(s: Scene): TextItem[] {
  return [...walk(s.layers)].map(([it]) => it).filter((it): it is TextItem => it.kind === "text" && it.text.trim() !== "");
}

/** A text's box on the page (mm), from the shipped font's metrics. */
export function textBox(t: TextItem): { x0: number; x1: number; y0: number; y1: number } {
  const w = textWidth(t.text, t.size, t.bold);
  const x0 = t.anchor === "middle" ? t.x - w / 2 : t.anchor === "end" ? t.x - w : t.x;
  return { x0, x1: x0 + w, y0: t.y - 0.76 * t.size, y1: t.y + 0.24 * t.size };
}

/** Texts off the page (beyond `tol` mm) or overlapping another text, one line each. */
export function textCollisions(scenes: Array<[string, Scene]>, tol = 0): string[] {
  const problems: string[] = [];
  for (const [name, scene] of scenes) {
    const boxes = textsOf(scene).map((t) => ({ t, b: textBox(t) }));
    for (const { t, b } of boxes) if (b.x0 < -tol || b.x1 > scene.width + tol || b.y0 < -tol || b.y1 > scene.height + tol) problems.push(`${name}: "${t.text}" off the page`);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b, c = boxes[j].b;
        if (a.x0 < c.x1 && c.x0 < a.x1 && a.y0 < c.y1 && c.y0 < a.y1) problems.push(`${name}: "${boxes[i].t.text}" × "${boxes[j].t.text}"`);
      }
  }
  return problems;
}
