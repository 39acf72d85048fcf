/// <reference lib="dom" />
// The page's script: table sorting and search, tooltips for every keyed district and camera, and
// the comparison view. The page embeds this function's source (Function.prototype.toString), so it
// must be self-contained: everything it uses arrives in `data` and `lib` (the shared formatter and
// compare function, embedded the same way). Plain DOM, no framework, no network.
import type { compareDistricts as CompareFn } from "../stats/compare-districts.js";
import type { formatFr as FormatFn, formatPercentFr as PercentFn } from "../core/format-fr.js";

export interface ClientData {
  indicators: Array<{ key: string; label: string; kind: string; digits: number; key_figure?: boolean }>;
  /** Level → singular name, key prefix and rows as [code, name, ...indicator values]. */
  levels: Record<string, { title: string; prefix: string; rows: Array<Array<string | number | null>> }>;
  /** Tooltip key → name, for districts drawn on a map without stats. */
  names: Record<string, string>;
  /** Camera id → [label, commissioned, geocode method, confidence, district of the coarsest level]. */
  cameras: Record<string, [string, string | null, string, number | null, string]>;
  /** The coarsest level's label ("arrondissement"), for the camera tooltips. */
  district: string;
  /** Heading of the city-wide column of the comparison ("Paris", "La ville"). */
  place: string;
  methods: Record<string, string>;
}

export interface ClientLib {
  formatFr: typeof FormatFn;
  formatPercentFr: typeof PercentFn;
  compareDistricts: typeof CompareFn;
}

export function reportClient(data: ClientData, lib: ClientLib): void {
  const $$ = (sel: string, root: ParentNode = document) => Array.from(root.querySelectorAll<HTMLElement>(sel));
  const esc = (s: unknown) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  const norm = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const fmt = (i: { kind: string; digits: number }, v: number | null) => (i.kind === "share" ? lib.formatPercentFr(v, i.digits) : lib.formatFr(v, i.digits));

  // Rows as objects, as compareDistricts and the tooltips want them.
  const levels: Record<string, { title: string; prefix: string; rows: Array<{ code: string; name: string; values: Record<string, number | null> }> }> = {};
  const byKey: Record<string, { level: string; row: { code: string; name: string; values: Record<string, number | null> } }> = {};
  for (const level of Object.keys(data.levels)) {
    const l = data.levels[level];
    const rows = l.rows.map((r) => {
      const values: Record<string, number | null> = {};
      data.indicators.forEach((ind, i) => (values[ind.key] = r[i + 2] as number | null));
      return { code: String(r[0]), name: String(r[1]), values };
    });
    levels[level] = { title: l.title, prefix: l.prefix, rows };
    for (const row of rows) byKey[`${l.prefix}:${row.code}`] = { level, row };
  }

  // --- sortable tables: a button in each header, so Tab and Enter/Space sort too -------------
  for (const table of $$("table.sortable")) {
    const tbody = table.querySelector("tbody")!;
    for (const btn of $$("thead button", table)) {
      btn.addEventListener("click", () => {
        const th = btn.closest("th")!;
        const col = Number(btn.dataset.col);
        const numeric = btn.dataset.type === "num";
        const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        for (const other of $$("thead th", table)) other.setAttribute("aria-sort", "none");
        th.setAttribute("aria-sort", dir);
        const sign = dir === "ascending" ? 1 : -1;
        const rows = Array.from(tbody.rows);
        const val = (r: HTMLTableRowElement) => r.cells[col].dataset.v ?? "";
        rows.sort((a, b) => {
          const va = val(a);
          const vb = val(b);
          if (va === "" || vb === "") return va === vb ? 0 : va === "" ? 1 : -1; // empty values last
          const c = numeric ? Number(va) - Number(vb) : va.localeCompare(vb, "fr");
          return c * sign;
        });
        tbody.append(...rows);
      });
    }
  }

  // --- search boxes --------------------------------------------------------------------------
  for (const input of $$("input[data-filter]") as HTMLInputElement[]) {
    const table = document.getElementById(input.dataset.filter!) as HTMLTableElement;
    const count = document.querySelector<HTMLOutputElement>(`output[data-count="${input.dataset.filter}"]`);
    input.addEventListener("input", () => {
      const q = norm(input.value.trim());
      let shown = 0;
      for (const r of Array.from(table.tBodies[0].rows)) {
        const hit = !q || norm(r.textContent ?? "").includes(q);
        r.hidden = !hit;
        if (hit) shown++;
      }
      if (count) count.textContent = `${shown} ligne${shown > 1 ? "s" : ""}`;
    });
  }

  // --- tooltips on hover, tap and keyboard focus ----------------------------------------------
  const tip = document.getElementById("cc-tip")!;
  const tipHtml = (key: string): string => {
    const [kind, ...rest] = key.split(":");
    const id = rest.join(":");
    if (kind === "c") {
      const c = data.cameras[id];
      if (!c) return `<strong>Caméra ${esc(id)}</strong>`;
      return `<strong>${esc(c[0] || id)}</strong><br>Caméra <code>${esc(id)}</code>, ${esc(data.district)} ${esc(c[4])}<br>Mise en service : ${esc(c[1] ?? "inconnue")}` +
        `<br>Géocodage : ${esc(data.methods[c[2]] ?? c[2])}, confiance ${esc(lib.formatFr(c[3], 2))}`;
    }
    const hit = byKey[key];
    if (!hit) return `<strong>${esc(data.names[key] ?? id)}</strong> (${esc(id)})<br><em>statistiques non calculées</em>`;
    const lines = data.indicators.filter((i) => i.key_figure).map((i) => `${esc(i.label)} : ${esc(fmt(i, hit.row.values[i.key]))}`);
    return `<strong>${esc(hit.row.name)}</strong> (${esc(hit.row.code)})<br>${lines.join("<br>")}`;
  };
  let current: Element | null = null;
  const show = (el: Element, x?: number, y?: number) => {
    current = el;
    tip.innerHTML = tipHtml((el as HTMLElement).dataset.key!);
    tip.hidden = false;
    const box = el.getBoundingClientRect();
    const left = x ?? box.left + box.width / 2;
    const top = y ?? box.top + box.height / 2;
    tip.style.left = `${Math.min(left + 12 + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8)}px`;
    tip.style.top = `${top + 12 + window.scrollY}px`;
    el.setAttribute("aria-describedby", "cc-tip");
  };
  const hide = () => {
    current?.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
  };
  const keyed = (t: EventTarget | null) => (t instanceof Element ? t.closest("[data-key]") : null);
  document.addEventListener("pointerover", (e) => {
    const el = keyed(e.target);
    if (el) show(el, e.clientX, e.clientY);
  });
  document.addEventListener("pointerout", (e) => {
    if (keyed(e.target) && !keyed(e.relatedTarget)) hide();
  });
  document.addEventListener("pointerdown", (e) => {
    const el = keyed(e.target);
    if (el) show(el, e.clientX, e.clientY);
    else hide();
  });
  document.addEventListener("focusin", (e) => {
    const el = keyed(e.target);
    if (el) show(el);
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hide();
  });

  // Printing opens the folded sections, except the long ones marked data-print="closed".
  window.addEventListener("beforeprint", () => {
    for (const d of $$("details:not([data-print=closed])") as HTMLDetailsElement[]) d.open = true;
  });

  // --- comparison view -------------------------------------------------------------------------
  const form = document.getElementById("cmp-form") as HTMLFormElement | null;
  if (!form) return;
  const levelSel = document.getElementById("cmp-level") as HTMLSelectElement;
  const input = document.getElementById("cmp-input") as HTMLInputElement;
  const list = document.getElementById("cmp-list")!;
  const choices = document.getElementById("cmp-choices") as HTMLDataListElement;
  const result = document.getElementById("cmp-result")!;
  const msg = document.getElementById("cmp-msg")!;
  let picked: string[] = [];
  const fillChoices = () => {
    choices.innerHTML = levels[levelSel.value].rows.map((r) => `<option value="${esc(r.code)}">${esc(r.name)}</option>`).join("");
  };
  const render = () => {
    list.innerHTML = picked.map((c, i) => `<li>${esc(c)} <button type="button" data-remove="${i}" aria-label="Retirer ${esc(c)}">×</button></li>`).join("");
    const rows = levels[levelSel.value].rows;
    if (picked.length < 2) {
      result.innerHTML = "";
      msg.textContent = "Choisir au moins deux territoires.";
      return;
    }
    // The city column comes from the same level's districts, as in `contrechamp compare`.
    const keys = data.indicators.map((i) => i.key);
    const r = lib.compareDistricts([{ level: levelSel.value, rows }], picked, keys);
    msg.textContent = r.unknown.length ? `Inconnu : ${r.unknown.join(", ")}` : `${r.picked.length} territoires comparés.`;
    const head = r.picked.map((d) => `<th scope="col">${esc(d.row.name)}<br><span class="code">${esc(d.row.code)}</span></th>`).join("");
    const body = data.indicators.map((ind) => {
      const cells = r.picked.map((d) => {
        const rank = d.ranks[ind.key];
        return `<td class="n">${esc(fmt(ind, d.row.values[ind.key]))}${rank === null ? "" : `<br><span class="rank">${rank}<sup>${rank === 1 ? "er" : "e"}</sup> sur ${d.of}</span>`}</td>`;
      }).join("");
      return `<tr><th scope="row">${esc(ind.label)}</th>${cells}<td class="n city">${esc(fmt(ind, r.city[ind.key] ?? null))}</td></tr>`;
    });
    result.innerHTML = `<table class="plain compare"><caption>Comparaison (${esc(levels[levelSel.value].title)}) ; rang 1 = valeur la plus élevée</caption><thead><tr><th scope="col">Indicateur</th>${head}<th scope="col">${esc(data.place)}</th></tr></thead><tbody>${body.join("")}</tbody></table>`;
  };
  levelSel.addEventListener("change", () => {
    picked = [];
    fillChoices();
    render();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (!v) return;
    // The same look-up as the command line: code, name, unique prefix, arrondissement number.
    const row = lib.compareDistricts([{ level: levelSel.value, rows: levels[levelSel.value].rows }], [v], []).picked[0]?.row;
    if (!row) {
      msg.textContent = `« ${v} » : aucun territoire de ce nom ou de ce code à ce niveau.`;
      return;
    }
    if (!picked.includes(row.code)) picked.push(row.code);
    input.value = "";
    render();
  });
  list.addEventListener("click", (e) => {
    const b = (e.target as Element).closest<HTMLElement>("button[data-remove]");
    if (!b) return;
    picked.splice(Number(b.dataset.remove), 1);
    render();
    input.focus();
  });
  fillChoices();
  render();
}
