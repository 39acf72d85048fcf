// The DBF text decoder handed to the shapefile library in place of the `text-encoding` polyfill it
// requires (~0.1 s to load its code tables, and a decoder in JavaScript). It decodes exactly as
// the polyfill does (WHATWG Encoding), checked byte for byte in test/read-shapefile.test.ts, for
// the code pages dbfEncoding (read-shapefile.ts) names; any other label goes to the polyfill.
import { createRequire } from "node:module";

/** WHATWG windows-1252 (also what "latin1" means there), bytes 0x80–0x9F; the rest is latin-1. */
const HIGH_1252 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

type Decoder = { decode(bytes: Uint8Array): string };

function windows1252(): Decoder {
  return {
    // DBF fields are short (one call per field): a plain loop, no chunking needed.
    decode(bytes) {
      let out = "";
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? HIGH_1252[b - 0x80] : b);
      }
      return out;
    },
  };
}

export class DbfTextDecoder {
  private readonly inner: Decoder;

  constructor(label = "utf-8") {
    const l = label.trim().toLowerCase();
    // Node's UTF-8 and ISO-8859-15 decoders agree with the polyfill; its windows-1252 does not.
    if (l === "utf-8" || l === "utf8") this.inner = new TextDecoder("utf-8");
    else if (l === "iso-8859-15") this.inner = new TextDecoder("iso-8859-15");
    else if (l === "windows-1252" || l === "latin1") this.inner = windows1252();
    else this.inner = new (createRequire(import.meta.url)("text-encoding/lib/encoding.js").TextDecoder)(label) as Decoder;
  }

  decode(bytes: Uint8Array): string {
    return this.inner.decode(bytes);
  }
}
