// Prepares an SVG file of the render stage for inlining: drops the XML prolog, prefixes its ids
// (several inlined SVGs may each define "hatch" or "halo"), and tags every element whose id or
// data-id is a camera id or a district code with the data-key the tooltips look up. An SVG that
// points outside itself (a font or image file, a URL) is refused: the page must need nothing else.

export type InlineResult = { ok: true; svg: string; keyed: number } | { ok: false; why: string };

/** keyOf maps an element id to a tooltip key ("c:<camera id>", "a:75101"...) or undefined. */
export function inlineSvg(svg: string, prefix: string, keyOf: (id: string) => string | undefined): InlineResult {
  const body = svgBody(svg);
  return body.ok ? keySvgBody(body.svg, prefix, keyOf) : body;
}

/**
 * The first half of inlineSvg: the <svg> element without prolog and comments, or why it cannot be
 * inlined. keySvgBody only lengthens it (prefixes, data-key attributes), so its length is a lower
 * bound of the inlined map's: a map already over the page's budget need not be keyed at all.
 */
export function svgBody(svg: string): { ok: true; svg: string } | { ok: false; why: string } {
  const start = svg.search(/<svg[\s>]/);
  if (start < 0) return { ok: false, why: "no <svg> element" };
  const body = svg.slice(start).replace(/<!--[\s\S]*?-->/g, "");
  const external = /(?:\shref|xlink:href|\ssrc)\s*=\s*"(?!#|data:)([^"]*)"|url\(\s*['"]?(?!#|data:)([^)'"]*)/.exec(body);
  if (external) return { ok: false, why: `it refers to an external resource (${external[1] ?? external[2]})` };
  return { ok: true, svg: body };
}

/** The second half of inlineSvg: ids prefixed, tooltip keys added, internal references followed. */
export function keySvgBody(body: string, prefix: string, keyOf: (id: string) => string | undefined): InlineResult {
  let keyed = 0;
  body = body.replace(/(\s)(id|data-id)="([^"]*)"/g, (_m, sp: string, attr: string, id: string) => {
    const key = keyOf(id);
    if (key) keyed++;
    const tag = key ? ` data-key="${key}"` : "";
    return attr === "id" ? `${sp}id="${prefix}${id}"${tag}` : `${sp}data-id="${id}"${tag}`;
  });
  body = body
    .replace(/url\(\s*(['"]?)#/g, `url($1#${prefix}`)
    .replace(/((?:\s|xlink:)href)="#/g, `$1="#${prefix}`);
  return { ok: true, svg: body, keyed };
}
