// A scanner for the top two levels of a JSON document read in pieces: the members of the top
// object, and the elements of its "features" array, each handed over as its own text. Only
// brackets and strings are tracked inside an element, so the hot loop is a plain character scan;
// the element's own syntax is left to JSON.parse. Any skeleton error is recorded in `broken`.

export type Phase = "start" | "key" | "colon" | "value" | "after" | "elem" | "elemAfter" | "end";

/** Scans the document skeleton; members other than `features` are kept as raw text. */
export class JsonSkeleton {
  phase: Phase = "start";
  depth = 0;
  private inStr = false;
  private esc = false;
  private comma = false;
  /** Capture of the value (or key) being read: text pieces and where it began in this piece. */
  private parts: string[] = [];
  private capStart = -1;
  private capBase = -1;
  private capKind: "key" | "container" | "string" | "literal" | "" = "";
  private key = "";
  members = new Map<string, string>();
  featuresArray = false;
  broken: string | undefined;
  sawContent = false;
  offset = 0;

  constructor(private readonly onElement: (text: string) => void) {}

  push(t: string): void {
    const n = t.length;
    for (let k = 0; k < n && !this.broken; k++) {
      if (this.capKind === "container") {
        // Hot path (inside a feature): only strings and brackets matter until it closes.
        k = this.skipContainer(t, k);
        if (k >= n) break;
        this.endCapture(t, k + 1);
        continue;
      }
      const c = t.charCodeAt(k);
      if (this.inStr) {
        if (this.esc) this.esc = false;
        else if (c === 92) this.esc = true;
        else if (c === 34) {
          this.inStr = false;
          if (this.capKind === "key" || (this.capKind === "string" && this.depth === this.capBase)) this.endCapture(t, k + 1);
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        if (this.capKind === "literal") this.endCapture(t, k);
        continue;
      }
      this.sawContent = true;
      if (this.capKind === "literal") {
        if (c !== 44 && c !== 125 && c !== 93) continue;
        this.endCapture(t, k);
      }
      this.step(c, t, k);
    }
    if (this.capStart >= 0) {
      this.parts.push(t.slice(this.capStart));
      this.capStart = 0;
    }
    this.offset += n;
  }

  /** Index of the bracket closing the captured container, or t.length if it is not in t. */
  private skipContainer(t: string, k: number): number {
    const n = t.length;
    let depth = this.depth, inStr = this.inStr, esc = this.esc;
    for (; k < n; k++) {
      const c = t.charCodeAt(k);
      if (inStr) {
        if (esc) esc = false;
        else if (c === 92) esc = true;
        else if (c === 34) inStr = false;
      } else if (c === 34) inStr = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth === this.capBase) break;
      }
    }
    this.depth = depth;
    this.inStr = inStr;
    this.esc = esc;
    return k;
  }

  private step(c: number, t: string, k: number): void {
    switch (this.phase) {
      case "start":
        if (c === 123) {
          this.depth = 1;
          this.phase = "key";
        } else this.fail("the top level is not an object", k);
        return;
      case "key":
        if (c === 34) {
          this.inStr = true;
          this.beginCapture(k, "key");
        } else if (c === 125 && !this.comma && this.members.size === 0 && !this.featuresArray) this.close(k);
        else this.fail("expected a member name", k);
        return;
      case "colon":
        if (c === 58) this.phase = "value";
        else this.fail("expected ':'", k);
        return;
      case "value":
        this.comma = false;
        if (this.key === "features" && c === 91) {
          this.depth = 2;
          this.featuresArray = true;
          this.phase = "elem";
          return;
        }
        this.beginValue(c, k, 1);
        return;
      case "after":
        if (c === 44) {
          this.comma = true;
          this.phase = "key";
        } else if (c === 125) this.close(k);
        else this.fail("expected ',' or '}'", k);
        return;
      case "elem":
        if (c === 93 && !this.comma) {
          this.depth = 1;
          this.phase = "after";
          return;
        }
        this.comma = false;
        this.beginValue(c, k, 2);
        return;
      case "elemAfter":
        if (c === 44) {
          this.comma = true;
          this.phase = "elem";
        } else if (c === 93) {
          this.depth = 1;
          this.phase = "after";
        } else this.fail("expected ',' or ']'", k);
        return;
      case "end":
        this.fail("text after the end of the document", k);
    }
  }

  private close(k: number): void {
    if (this.comma) return this.fail("a trailing comma", k);
    this.depth = 0;
    this.phase = "end";
  }

  private beginValue(c: number, k: number, base: number): void {
    if (c === 123 || c === 91) {
      this.beginCapture(k, "container", base);
      this.depth++;
    } else if (c === 34) {
      this.beginCapture(k, "string", base);
      this.inStr = true;
    } else if (c === 44 || c === 125 || c === 93 || c === 58) this.fail("expected a value", k);
    else this.beginCapture(k, "literal", base);
  }

  private beginCapture(k: number, kind: JsonSkeleton["capKind"], base = this.depth): void {
    this.parts = [];
    this.capStart = k;
    this.capKind = kind;
    this.capBase = base;
  }

  private endCapture(t: string, end: number): void {
    this.parts.push(t.slice(this.capStart, end));
    const text = this.parts.join("");
    const kind = this.capKind;
    this.parts = [];
    this.capStart = -1;
    this.capKind = "";
    if (kind === "key") {
      this.key = JSON.parse(text);
      this.phase = "colon";
    } else if (this.phase === "elem") {
      this.phase = "elemAfter";
      this.onElement(text);
    } else {
      this.members.set(this.key, text);
      this.phase = "after";
    }
  }

  fail(what: string, k: number): void {
    this.broken ??= `${what} at character ${this.offset + k}`;
  }
}
